// Empty states explain the area and offer the next step as a real, focusable button.
import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { EmptyState } from '../../src/renderer/src/components/EmptyState.tsx'

describe('EmptyState', () => {
  it('shows a heading, the explanation and the action', () => {
    render(
      <EmptyState title="No links yet" action={<button type="button">Make a new link</button>}>
        <p>Every link you make appears here.</p>
      </EmptyState>,
    )
    expect(screen.getByRole('heading', { name: 'No links yet' })).toBeTruthy()
    expect(screen.getByText('Every link you make appears here.')).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Make a new link' })).toBeTruthy()
  })
})

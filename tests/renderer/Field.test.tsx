// Form fields wire themselves for assistive technology: the label names the control, the hint
// describes it, an error takes the hint's place and marks the control invalid; a group of choices is
// named by its legend and described by its hint.
import { cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { Field, FieldGroup } from '../../src/renderer/src/components/Field.tsx'

afterEach(cleanup)

function description(element: HTMLElement): string {
  const ids = element.getAttribute('aria-describedby')?.split(' ') ?? []
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ')
}

describe('Field', () => {
  it('names the control by its label and describes it by its hint', () => {
    render(
      <Field label="Key-Pair-Id" hint="Like K2JCJMDEHXQW5F.">
        {(control) => <input {...control} type="text" />}
      </Field>,
    )
    const input = screen.getByRole('textbox', { name: 'Key-Pair-Id' })
    expect(description(input)).toBe('Like K2JCJMDEHXQW5F.')
    expect(input.getAttribute('aria-invalid')).toBeNull()
  })

  it('shows an error in the hint’s place, describes the control with it and marks it invalid', () => {
    render(
      <Field label="Key-Pair-Id" hint="Like K2JCJMDEHXQW5F." error="Starts with K.">
        {(control) => <input {...control} type="text" />}
      </Field>,
    )
    const input = screen.getByRole('textbox', { name: 'Key-Pair-Id' })
    expect(description(input)).toBe('Starts with K.')
    expect(input.getAttribute('aria-invalid')).toBe('true')
    expect(screen.queryByText('Like K2JCJMDEHXQW5F.')).toBeNull()
  })

  it('describes nothing when there is neither hint nor error', () => {
    render(<Field label="Name">{(control) => <input {...control} type="text" />}</Field>)
    expect(screen.getByRole('textbox', { name: 'Name' }).hasAttribute('aria-describedby')).toBe(false)
  })

  it('gives each field its own id, so two forms on one screen do not collide', () => {
    render(
      <>
        <Field label="Signing key">{(control) => <select {...control} />}</Field>
        <Field label="Signing key">{(control) => <select {...control} />}</Field>
      </>,
    )
    const [first, second] = screen.getAllByRole('combobox', { name: 'Signing key' })
    expect(first?.id).toBeTruthy()
    expect(first?.id).not.toBe(second?.id)
  })

  it('wires a control inside a wrapper of its own', () => {
    render(
      <Field label="Path of the file" hint="Folder and file name.">
        {(control) => (
          <div>
            <span aria-hidden="true">https://example.com/</span>
            <input {...control} type="text" />
          </div>
        )}
      </Field>,
    )
    expect(description(screen.getByRole('textbox', { name: 'Path of the file' }))).toBe(
      'Folder and file name.',
    )
  })
})

describe('FieldGroup', () => {
  it('names a group of choices by its legend and describes it by its hint', () => {
    render(
      <FieldGroup legend="Type" hint="CloudFront accepts these two.">
        <label>
          <input type="radio" name="type" /> RSA 2048
        </label>
      </FieldGroup>,
    )
    const group = screen.getByRole('group', { name: 'Type' })
    expect(description(group)).toBe('CloudFront accepts these two.')
  })
})

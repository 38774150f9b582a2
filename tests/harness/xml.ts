// A minimal XML reader and writer for the CloudFront test double: elements, text and entities —
// what AWS's REST-XML uses (no mixed content, no CDATA, attributes only for xmlns).
export interface XmlNode {
  name: string
  children: XmlNode[]
  text: string
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, entity: string) => {
    if (entity.startsWith('#x') || entity.startsWith('#X'))
      return String.fromCodePoint(parseInt(entity.slice(2), 16))
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10))
    return ENTITIES[entity] ?? whole
  })
}

function encode(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;')
}

export function parseXml(source: string): XmlNode {
  const body = source.replace(/<\?xml[^>]*\?>/, '')
  const root: XmlNode = { name: '#document', children: [], text: '' }
  const stack: XmlNode[] = [root]
  const token = /<(\/?)([A-Za-z_][\w.:-]*)[^>]*?(\/?)>|([^<]+)/g
  for (const match of body.matchAll(token)) {
    const [, closing, name, selfClosing, text] = match
    const top = stack[stack.length - 1]!
    if (text !== undefined) {
      top.text += decode(text)
    } else if (closing) {
      if (top.name !== name) throw new Error(`XML: </${name}> closes <${top.name}>`)
      stack.pop()
    } else {
      const node: XmlNode = { name: name!, children: [], text: '' }
      top.children.push(node)
      if (!selfClosing) stack.push(node)
    }
  }
  const document = root.children[0]
  if (!document || stack.length !== 1) throw new Error('XML: unbalanced document')
  return trimText(document)
}

/** Text of elements with children is only indentation: drop it. */
function trimText(node: XmlNode): XmlNode {
  if (node.children.length > 0) node.text = ''
  node.children.forEach(trimText)
  return node
}

export function serializeXml(node: XmlNode, namespace?: string): string {
  const attribute = namespace ? ` xmlns="${namespace}"` : ''
  const inner = node.children.length
    ? node.children.map((child) => serializeXml(child)).join('')
    : encode(node.text)
  return `<${node.name}${attribute}>${inner}</${node.name}>`
}

/** Builds an element: strings become its text, nodes its children; undefined is skipped. */
export function el(name: string, ...content: (XmlNode | string | number | boolean | undefined)[]): XmlNode {
  const node: XmlNode = { name, children: [], text: '' }
  for (const part of content) {
    if (part === undefined) continue
    if (typeof part === 'object') node.children.push(part)
    else node.text += String(part)
  }
  return node
}

export function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  return node?.children.find((c) => c.name === name)
}

export function childText(node: XmlNode | undefined, name: string): string | undefined {
  return child(node, name)?.text
}

/** The texts of a list member, e.g. <Items><PublicKey>a</PublicKey>…</Items>. */
export function itemTexts(node: XmlNode | undefined, list = 'Items'): string[] {
  return (child(node, list)?.children ?? []).map((item) => item.text)
}

/** Every descendant (depth first) with this name. */
export function descendants(node: XmlNode, name: string): XmlNode[] {
  return node.children.flatMap((c) => [...(c.name === name ? [c] : []), ...descendants(c, name)])
}

/**
 * Strict reading of a signed element. Strict because the reader, not the signature library, decides what the
 * document means: every unknown element or attribute is refused (nothing can hide beside the fields), elements
 * of another namespace are refused even with a familiar local name, and text is the whole `textContent` — the
 * concatenation of all text nodes, comments skipped — which is exactly what canonicalisation without comments
 * signs, so `<n>1<!---->0</n>` reads as "10" on both sides (the SAML comment-truncation bug reads "1").
 */
import type { Element } from '@xmldom/xmldom'
import * as E from 'fp-ts/lib/Either.js'
import { XMLDSIG_NS } from './algorithms.js'
import { badInput, type BadInput } from './refusal.js'

export const invalid = (detail: string): BadInput => badInput('invalid_document', detail)

const XMLNS = 'http://www.w3.org/2000/xmlns/'

export const elementChildren = (el: Element): Element[] => {
  const out: Element[] = []
  for (let n = el.firstChild; n !== null; n = n.nextSibling) if (n.nodeType === n.ELEMENT_NODE) out.push(n as Element)
  return out
}

/** Direct text beside child elements must be whitespace only (indentation). */
export const onlyWhitespaceText = (el: Element): boolean => {
  for (let n = el.firstChild; n !== null; n = n.nextSibling) {
    if ((n.nodeType === n.TEXT_NODE || n.nodeType === n.CDATA_SECTION_NODE) && (n.nodeValue ?? '').trim() !== '') return false
  }
  return true
}

/** Attributes other than namespace declarations must all be in `allowed`. */
export const checkAttributes = (el: Element, allowed: readonly string[]): E.Either<BadInput, true> => {
  for (let i = 0; i < el.attributes.length; i++) {
    const a = el.attributes.item(i)
    if (a === null || a.namespaceURI === XMLNS) continue
    if (a.namespaceURI !== null || !allowed.includes(a.localName ?? a.name)) {
      return E.left(invalid(`<${el.localName}> may not carry attribute ${a.name}`))
    }
  }
  return E.right(true)
}

export const attribute = (el: Element, name: string): E.Either<BadInput, string> => {
  const value = el.getAttributeNS(null, name)
  return value === null || value === '' ? E.left(invalid(`<${el.localName}> needs attribute ${name}`)) : E.right(value)
}

/** The element's text, refusing child elements and leading/trailing whitespace (no silent trimming). */
export const text = (el: Element): E.Either<BadInput, string> => {
  if (elementChildren(el).length > 0) return E.left(invalid(`<${el.localName}> must contain text only`))
  const value = el.textContent ?? ''
  if (value === '' || value.trim() !== value) return E.left(invalid(`<${el.localName}> must be non-empty text without surrounding spaces`))
  return E.right(value)
}

/**
 * Groups the root's children by local name, refusing foreign namespaces, unknown names and repeats of
 * single-valued fields. The enveloped ds:Signature is skipped.
 */
export const fieldsOf = (
  root: Element,
  namespace: string,
  single: readonly string[],
  repeated: readonly string[] = [],
): E.Either<BadInput, Map<string, Element[]>> => {
  if (!onlyWhitespaceText(root)) return E.left(invalid(`<${root.localName}> has text outside its fields`))
  const fields = new Map<string, Element[]>()
  for (const child of elementChildren(root)) {
    if (child.namespaceURI === XMLDSIG_NS && child.localName === 'Signature') continue
    const name = child.localName ?? ''
    if (child.namespaceURI !== namespace || (!single.includes(name) && !repeated.includes(name))) {
      return E.left(invalid(`unexpected element {${child.namespaceURI ?? ''}}${name}`))
    }
    const seen = fields.get(name) ?? []
    if (single.includes(name) && seen.length > 0) return E.left(invalid(`<${name}> appears more than once`))
    fields.set(name, [...seen, child])
  }
  return E.right(fields)
}

export const escapeXml = (value: string): string =>
  value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\r/g, '&#xD;')

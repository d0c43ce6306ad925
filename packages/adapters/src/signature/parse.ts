/**
 * XML parsing with @xmldom/xmldom, strict: any warning or error of the parser refuses the document, because a
 * parser that "recovers" reads something other than what the signer's parser signed.
 */
import { DOMParser, type Document } from '@xmldom/xmldom'
import * as E from 'fp-ts/lib/Either.js'
import { badInput, type BadInput } from './refusal.js'

class ParserComplaint extends Error {}

const parser = new DOMParser({
  onError: (level, message) => {
    throw new ParserComplaint(`${level}: ${message}`)
  },
})

const firstLine = (message: string): string => (message.split('\n')[0] ?? message).slice(0, 200)

export const parseXml = (text: string): E.Either<BadInput, Document> => {
  try {
    const doc = parser.parseFromString(text, 'application/xml')
    return doc.documentElement === null
      ? E.left(badInput('malformed_xml', 'document has no root element'))
      : E.right(doc)
  } catch (e) {
    return E.left(badInput('malformed_xml', firstLine(e instanceof Error ? e.message : String(e))))
  }
}

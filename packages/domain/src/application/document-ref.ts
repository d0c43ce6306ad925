import * as t from 'io-ts'

/** A scanned or attached document, by kind and content digest (the bytes live outside the stream). */
export const DocumentRef = t.type({ kind: t.string, digest: t.string }, 'DocumentRef')
export type DocumentRef = t.TypeOf<typeof DocumentRef>

/**
 * `message(key, lang, params)`: the one way to read the catalogue. Keys are checked by the compiler, and so are
 * the parameters: `{n}` in the text makes `{ n }` required, a key without placeholders takes no parameters.
 */
import { catalogue, type Catalogue, type MessageKey } from './catalogue.js'
import type { Language, Localized } from './localized.js'

/** The `{name}` placeholders of a text, as a union of names. */
export type PlaceholdersIn<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | PlaceholdersIn<Rest> : never

export type ParamsOf<K extends MessageKey> = PlaceholdersIn<Catalogue[K]['ru']>

export type MessageParams<K extends MessageKey> = Readonly<Record<ParamsOf<K>, string | number>>

type ParamsArg<K extends MessageKey> = [ParamsOf<K>] extends [never] ? [] : [params: MessageParams<K>]

const PLACEHOLDER = /\{(\w+)\}/g

/** The names of the `{name}` placeholders in a text, in order of appearance. */
export const placeholdersOf = (text: string): readonly string[] => [...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '')

/** Fills `{name}` placeholders; a name without a value stays as written, so a gap is visible, never silent. */
export const fill = (text: string, params: Readonly<Record<string, string | number>>): string =>
  text.replace(PLACEHOLDER, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole))

/** The text of a localized value in one language. */
export const localize = (text: Localized, lang: Language): string => text[lang]

export const message = <K extends MessageKey>(key: K, lang: Language, ...params: ParamsArg<K>): string =>
  fill(localize(catalogue[key], lang), params[0] ?? {})

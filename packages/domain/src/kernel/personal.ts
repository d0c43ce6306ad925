/**
 * Personal data, marked where it is declared. A field's codec is wrapped in `personal(...)`: it decodes and encodes
 * exactly as before (same static type), and carries a `PersonalMark` saying what kind of datum it is, whose it is
 * and what it reads as once its owner is erased. Adapters find every personal field by walking the codecs
 * (`_tag === 'PersonalType'`), so what is encrypted and erased is derived from the types, never from a hand list.
 *
 * The domain only declares; it encrypts nothing (no I/O, no keys).
 */
import * as t from 'io-ts'
import { IIN } from './iin.js'

export type PersonalKind =
  /** An individual identification number (ИИН). */
  | 'iin'
  /** A person's name as written (surname, first name, patronymic; a certificate's common name). */
  | 'name'
  | 'birth_date'
  /** A dwelling or postal address of a person. */
  | 'address'
  | 'phone'
  /** The number of a document about a person: power of attorney, certificate, bank account, vehicle. */
  | 'document'
  /** Free text an officer writes about a person (reasons, notes): it may name anyone. */
  | 'free_text'

export interface PersonalMark {
  readonly kind: PersonalKind
  /** What the field reads as after erasure; decodes with the wrapped codec, so erased events still decode. */
  readonly erased: string
  /**
   * Whose datum it is besides the application's applicant: an IIN is its own owner; a name may name the sibling
   * key holding its owner's IIN (`signer.commonName` → `signer.iin`).
   */
  readonly owner?: { readonly sibling: string }
  /** Personal only when the object holding the field has `sibling` = `equals` (an actor id is an IIN for a citizen). */
  readonly when?: { readonly sibling: string; readonly equals: string }
}

/** A codec that behaves as `type` and is marked as personal data. */
export class PersonalType<C extends t.Any> extends t.Type<t.TypeOf<C>, t.OutputOf<C>, t.InputOf<C>> {
  readonly _tag = 'PersonalType' as const
  constructor(readonly type: C, readonly mark: PersonalMark) {
    super(type.name, (u): u is t.TypeOf<C> => type.is(u), (u, c) => type.validate(u, c), (a) => type.encode(a))
  }
}

export const personal = <C extends t.Any>(type: C, mark: PersonalMark): PersonalType<C> => new PersonalType(type, mark)

/**
 * The erased IIN. All zeros passes the IIN checksum (the weighted sum is 0, so is the check digit), so an erased
 * event still decodes with the `IIN` codec; no real person has it (no valid birth date).
 */
export const ERASED_IIN = '000000000000'
/** The erased free text (a name, an address, a number). Fits `Reference` and `t.string`. */
export const ERASED_TEXT = '[erased]'
/** The erased birth date: a valid `LocalDate` no living applicant or child has. */
export const ERASED_DATE = '1900-01-01'

/** The IIN of a person named in an application: applicant, representative, child, ward, second parent, successor. */
export const PersonalIin = personal(IIN, { kind: 'iin', erased: ERASED_IIN })

/** A personal datum of the given kind, read as `[erased]` once erased. */
export const personalText = <C extends t.Any>(kind: Exclude<PersonalKind, 'iin' | 'birth_date'>, type: C, owner?: string): PersonalType<C> =>
  personal(type, { kind, erased: ERASED_TEXT, ...(owner === undefined ? {} : { owner: { sibling: owner } }) })

import * as t from 'io-ts'
import { Category } from './category.js'

/**
 * The kindergarten queue's list: «Журнал регистрации детей дошкольного возраста для направления в дошкольные
 * организации» (seed 002, service 3, Прил.3). The regulation names one journal per provider (the district education
 * department, each rural-district akim's office) and no priority categories, so there is one list name.
 */
export const PreschoolList = t.keyof({ preschool_journal: null }, 'PreschoolList')
export type PreschoolList = t.TypeOf<typeof PreschoolList>

/**
 * What a waiting list is named by within a provider: a housing category (`Category`, unchanged) or a list of another
 * queue service. Kept a separate union so code that enumerates the housing categories does not change.
 */
export const ListCategory = t.union([Category, PreschoolList], 'ListCategory')
export type ListCategory = t.TypeOf<typeof ListCategory>

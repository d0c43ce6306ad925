import * as t from 'io-ts'

/**
 * Category lists of the classic housing law (Law «О жилищных отношениях», Art. 67 p.1, Art. 68, Art. 74 p.2):
 * the provider keeps a separate waiting list for each.
 */
export const Category = t.keyof(
  {
    /** Veterans and disabled participants of the Great Patriotic War (Art. 67 p.1 1)). */
    war_veterans: null,
    /** Orphans and children left without parental care (Art. 67 p.1 1-1)). */
    orphans: null,
    /** Socially vulnerable groups of Art. 68 (income test applies). */
    socially_vulnerable: null,
    /** Civil servants, budget-sector employees, military servants, holders of elected state office (Art. 67 p.1 3)). */
    state_employees: null,
    /** Citizens whose only dwelling is recognised as emergency (Art. 67 p.1 4)). */
    emergency_dwelling: null,
  },
  'Category',
)
export type Category = t.TypeOf<typeof Category>
export const categories: readonly Category[] = Object.keys(Category.keys) as Category[]

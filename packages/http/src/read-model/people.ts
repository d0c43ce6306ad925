/**
 * Which applications name a person anywhere in their personal fields (applicant, representative, child, second
 * parent, successor, signer …), found through the codecs' marks. An erasure uses it to know which applications to
 * forget without reading every stream.
 */
export interface PeopleIndex {
  readonly add: (iins: readonly string[], applicationId: string) => void
  readonly applicationsNaming: (iin: string) => readonly string[]
  /** Drops an application from the index; returns the IINs it was indexed under. */
  readonly drop: (applicationId: string) => readonly string[]
}

export const peopleIndex = (): PeopleIndex => {
  const byIin = new Map<string, Set<string>>()
  const byApp = new Map<string, Set<string>>()
  return {
    add: (iins, app) => {
      for (const iin of iins) {
        let apps = byIin.get(iin)
        if (apps === undefined) byIin.set(iin, (apps = new Set()))
        apps.add(app)
        let people = byApp.get(app)
        if (people === undefined) byApp.set(app, (people = new Set()))
        people.add(iin)
      }
    },
    applicationsNaming: (iin) => [...(byIin.get(iin) ?? [])],
    drop: (app) => {
      const people = [...(byApp.get(app) ?? [])]
      for (const iin of people) {
        const apps = byIin.get(iin)
        apps?.delete(app)
        if (apps?.size === 0) byIin.delete(iin)
      }
      byApp.delete(app)
      return people
    },
  }
}

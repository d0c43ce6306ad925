/** A promise raced against a timer: its value, or 'timeout'. A rejection stays a rejection. */
export const within = <A>(ms: number, p: Promise<A>): Promise<A | 'timeout'> =>
  new Promise((resolve, reject) => {
    const t = setTimeout(() => resolve('timeout'), ms)
    p.then((v) => { clearTimeout(t); resolve(v) }, (e: unknown) => { clearTimeout(t); reject(e) })
  })

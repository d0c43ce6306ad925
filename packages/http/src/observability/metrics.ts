/**
 * Basic service metrics in Prometheus text format: requests by route and status, a latency histogram, and the
 * read models' progress. Kept per app instance (two apps in one process keep separate counters).
 */
const BUCKETS_MS = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000] as const

export interface Metrics {
  readonly observeRequest: (method: string, route: string, status: number, ms: number) => void
  readonly gauge: (name: string, help: string, read: () => number) => void
  readonly render: () => string
  readonly snapshot: () => Record<string, unknown>
}

export const createMetrics = (): Metrics => {
  const requests = new Map<string, number>()
  const buckets = new Array<number>(BUCKETS_MS.length + 1).fill(0)
  let sumMs = 0
  let count = 0
  const gauges: { readonly name: string; readonly help: string; readonly read: () => number }[] = []
  return {
    observeRequest: (method, route, status, ms) => {
      const key = `method="${method}",route="${route.replace(/"/g, '')}",status="${status}"`
      requests.set(key, (requests.get(key) ?? 0) + 1)
      const i = BUCKETS_MS.findIndex((b) => ms <= b)
      buckets[i === -1 ? BUCKETS_MS.length : i]! += 1
      sumMs += ms
      count += 1
    },
    gauge: (name, help, read) => { gauges.push({ name, help, read }) },
    render: () => {
      const lines = ['# HELP kezek_http_requests_total HTTP requests by route and status', '# TYPE kezek_http_requests_total counter']
      for (const [k, v] of [...requests].sort()) lines.push(`kezek_http_requests_total{${k}} ${v}`)
      lines.push('# HELP kezek_http_request_duration_ms Request latency', '# TYPE kezek_http_request_duration_ms histogram')
      let cumulative = 0
      BUCKETS_MS.forEach((b, i) => { cumulative += buckets[i]!; lines.push(`kezek_http_request_duration_ms_bucket{le="${b}"} ${cumulative}`) })
      lines.push(`kezek_http_request_duration_ms_bucket{le="+Inf"} ${count}`)
      lines.push(`kezek_http_request_duration_ms_sum ${sumMs.toFixed(3)}`, `kezek_http_request_duration_ms_count ${count}`)
      for (const g of gauges) lines.push(`# HELP ${g.name} ${g.help}`, `# TYPE ${g.name} gauge`, `${g.name} ${g.read()}`)
      return lines.join('\n') + '\n'
    },
    snapshot: () => ({
      requests: Object.fromEntries(requests),
      requestCount: count,
      ...Object.fromEntries(gauges.map((g) => [g.name, g.read()])),
    }),
  }
}

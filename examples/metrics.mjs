import http from 'node:http'
import { corsMetrics } from 'corsica'
import { cors } from 'corsica/node'

const metrics = corsMetrics()
const handleCors = cors({ origin: ['https://app.example.com'], metrics })

/**
 * The counters in Prometheus' text format, no client library needed.
 * @param {ReturnType<typeof metrics.snapshot>} counters
 */
export function exposition({ allowed, refused, preflights, candidateDiffers }) {
  return [
    '# HELP corsica_requests_total CORS requests corsica decided.',
    '# TYPE corsica_requests_total counter',
    `corsica_requests_total{outcome="allowed"} ${allowed}`,
    ...Object.entries(refused).map(
      ([reason, count]) => `corsica_requests_total{outcome="refused",reason="${reason}"} ${count}`,
    ),
    '# TYPE corsica_preflights_total counter',
    `corsica_preflights_total ${preflights}`,
    '# TYPE corsica_candidate_differences_total counter',
    `corsica_candidate_differences_total ${candidateDiffers}`,
    '',
  ].join('\n')
}

export const server = http.createServer((req, res) => {
  if (req.url === '/metrics') {
    res.setHeader('content-type', 'text/plain; version=0.0.4')
    res.end(exposition(metrics.snapshot()))
    return
  }
  if (handleCors(req, res)) return
  res.end('{"items":[]}')
})

if (import.meta.url === `file://${process.argv[1]}`) server.listen(Number(process.env.PORT ?? 3000), '127.0.0.1')

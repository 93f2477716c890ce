import http from 'node:http'
import { cors } from 'corsica/node'

const handleCors = cors({
  origin: '*', // what is enforced today
  candidate: { origin: ['https://app.example.com', 'https://admin.example.com'] }, // what will be
  onCandidateDiffers: ({ kind, candidate }) =>
    // detail quotes the Origin (event.origin is raw: keep it out of log lines).
    console.warn(`cors rollout: ${kind} request: ${candidate.detail ?? 'the candidate would allow it'}`),
})

export const server = http.createServer((req, res) => {
  if (handleCors(req, res)) return
  res.end('{"items":[]}')
})

if (import.meta.url === `file://${process.argv[1]}`) server.listen(Number(process.env.PORT ?? 3000), '127.0.0.1')

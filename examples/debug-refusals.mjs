import http from 'node:http'
import { cors } from 'corsica/node'

const handleCors = cors({
  origin: ['https://app.example.com'],
  methods: ['GET', 'POST'],
  debug: process.env.NODE_ENV === 'development', // never on in production
})

export const server = http.createServer((req, res) => {
  if (handleCors(req, res)) return
  res.end('{"items":[]}')
})

if (import.meta.url === `file://${process.argv[1]}`) server.listen(Number(process.env.PORT ?? 3000), '127.0.0.1')

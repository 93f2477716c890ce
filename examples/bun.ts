// Bun: `bun examples/bun.ts` serves on $PORT (default 3000).
import { withCors } from 'corsica/fetch'

const fetch = withCors(
  (request: Request) => Response.json({ message: 'hello from Bun', path: new URL(request.url).pathname }),
  { origin: ['https://app.example.com'], credentials: true },
)

const server = Bun.serve({ hostname: '127.0.0.1', fetch })
console.log(`listening on ${server.url}`)

// Deno: `deno add npm:corsica`, then `deno run --allow-net=127.0.0.1 --allow-env=PORT examples/deno.ts`.
import { withCors } from 'corsica/fetch'

const handler = withCors(
  (request: Request) => Response.json({ message: 'hello from Deno', path: new URL(request.url).pathname }),
  { origin: ['https://app.example.com'], credentials: true },
)

Deno.serve({ hostname: '127.0.0.1', port: Number(Deno.env.get('PORT') ?? 8000) }, handler)

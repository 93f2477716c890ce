// Next.js App Router: app/api/hello/route.ts. One policy for every method of the route.
import { cors } from 'corsica/fetch'

const corsStep = cors({ origin: ['https://app.example.com'], credentials: true })

export function GET(request: Request) {
  return corsStep.handle(request, () => Response.json({ message: 'hello from Next.js' }))
}

export function POST(request: Request) {
  return corsStep.handle(request, async () =>
    Response.json({ message: 'hello, received', received: await request.json() }, { status: 201 }),
  )
}

// Without an OPTIONS export Next.js answers preflights itself, with no CORS headers.
export function OPTIONS(request: Request) {
  return corsStep.handle(request, () => new Response(null, { status: 204, headers: { allow: 'GET, POST, OPTIONS' } }))
}

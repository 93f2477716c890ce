// Cloudflare Workers: the `main` module of a Worker (`wrangler dev`, `wrangler deploy`).
import { withCors } from 'corsica/fetch'

interface Env {
  GREETING?: string
}

export default {
  // `env` and `ctx` pass through withCors to the handler.
  fetch: withCors(
    (request: Request, env: Env) =>
      Response.json({ message: env.GREETING ?? 'hello from a Worker', path: new URL(request.url).pathname }),
    { origin: ['https://app.example.com'], credentials: true },
  ),
}

import express from 'express'
import { cors } from 'corsica/express' // was: import cors from 'cors'

const app = express()
app.use(cors({ origin: ['https://app.example.com'], credentials: true }))
app.get('/items', (req, res) => res.json([{ id: 1 }]))

const server = app.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => {
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address())
  console.log(`listening on http://127.0.0.1:${port}`)
})

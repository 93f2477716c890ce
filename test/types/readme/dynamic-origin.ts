// Mirrors the cors README, "Configuring CORS w/ Dynamic Origin": `origin` as a function
// `(origin, callback)`. Its parameters carry NO annotations: under `strict` (noImplicitAny) this
// compiles only if corsica's types give them a contextual type (`origin: string`, a typed callback).
import express from 'express'
import cors, { type CorsOptions } from 'corsica/express' // was: import cors, { CorsOptions } from 'cors'

const app = express()

// Shape of the README's example (and of the older README's allow-list version): allow with
// `callback(null, true)`, refuse with an error.
const trusted = ['https://shop.example', 'https://admin.shop.example']

const allowListOptions: CorsOptions = {
  origin: function (origin, callback) {
    if (trusted.indexOf(origin) !== -1) {
      callback(null, true)
    } else {
      callback(new Error('Not allowed by CORS'))
    }
  },
}

app.get('/products/:id', cors(allowListOptions), function (req, res, next) {
  res.json({ msg: 'origin checked by a function' })
})

// The README's current example: the allowed origins come from a lookup and are handed on as
// they are, `callback(error, origins)`.
declare const originStore: {
  fetchOrigins(done: (error: Error | null, origins: Array<string | RegExp>) => void): void
}

const lookupOptions: CorsOptions = {
  origin: function (origin, callback) {
    originStore.fetchOrigins(function (error, origins) {
      callback(error, origins)
    })
  },
}

app.get('/catalog/:id', cors(lookupOptions), function (req, res, next) {
  res.json({ msg: 'origin matched against a stored list' })
})

// The same function written inline in the `cors(...)` call, and as an arrow function.
app.get(
  '/inline/:id',
  cors({
    origin: (origin, callback) => {
      callback(null, origin.endsWith('.shop.example'))
    },
  }),
  function (req, res) {
    res.json({ msg: 'inline origin function' })
  },
)

app.listen(8080, function () {
  console.log('listening on 8080')
})

// Mirrors the cors README, "Customizing CORS Settings Dynamically per Request": a function of the
// request handing options to a callback. In TypeScript the function needs its type, the
// `CorsOptionsDelegate<express.Request>` of @types/cors, so that `req` is Express's request.
import express from 'express'
import cors, { type CorsOptions, type CorsOptionsDelegate, type CorsRequest } from 'corsica/express' // was: from 'cors'

const app = express()

// The README's example: credentials on one group of routes, any origin elsewhere.
const perRouteOptions: CorsOptionsDelegate<express.Request> = function (req, callback) {
  let corsOptions: CorsOptions
  if (req.path.startsWith('/auth/connect/')) {
    corsOptions = { origin: 'https://accounts.example', credentials: true }
  } else {
    corsOptions = { origin: '*' }
  }
  callback(null, corsOptions)
}

app.use(cors(perRouteOptions))

// The delegate most @types/cors users write: look at the Origin header, answer `{ origin: true }`
// (reflect it) or `{ origin: false }` (no CORS).
const partnerOrigins = ['https://partner-a.example', 'https://partner-b.example']

const corsOptionsDelegate: CorsOptionsDelegate<express.Request> = (req, callback) => {
  const requestOrigin = req.header('Origin')
  if (requestOrigin !== undefined && partnerOrigins.includes(requestOrigin)) {
    callback(null, { origin: true })
  } else {
    callback(null, { origin: false })
  }
}

app.get('/partners', cors(corsOptionsDelegate), function (req, res) {
  res.send('partner data')
})

// The default request type: `CorsRequest`, whatever carries `headers` (Express, Connect, plain Node).
const headerDelegate: CorsOptionsDelegate<CorsRequest> = (req, callback) => {
  callback(null, { origin: req.headers.origin === 'https://shop.example' })
}
app.use(cors(headerDelegate))

app.get('/auth/connect/twitter', function (req, res) {
  res.send('signed in')
})

app.get('/public', function (req, res) {
  res.send('public')
})

app.listen(8080, function () {
  console.log('listening on 8080')
})

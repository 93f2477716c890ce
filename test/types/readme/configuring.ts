// Mirrors the cors README, "Configuring CORS": an options object with one origin and
// `optionsSuccessStatus`, here annotated with the `CorsOptions` type name @types/cors users know.
import express from 'express'
import cors, { type CorsOptions } from 'corsica/express' // was: import cors, { CorsOptions } from 'cors'

const app = express()

const corsOptions: CorsOptions = {
  origin: 'https://shop.example',
  optionsSuccessStatus: 200, // for clients that mishandle a 204 preflight answer
}

app.get('/products/:id', cors(corsOptions), function (req, res, next) {
  res.json({ msg: 'readable from https://shop.example only' })
})

// The same object inline, without the annotation.
app.get('/inline/:id', cors({ origin: 'https://shop.example', optionsSuccessStatus: 200 }), function (req, res) {
  res.json({ msg: 'inline options' })
})

app.listen(8080, function () {
  console.log('listening on 8080')
})

// Mirrors the cors README, "Enable CORS for a Single Route": `cors()` as route-level middleware
// ahead of the handler. Uses the named export, the other import form corsica offers.
import express from 'express'
import { cors } from 'corsica/express' // was: import cors from 'cors'

const app = express()

app.get('/products/:id', cors(), function (req, res, next) {
  res.json({ msg: 'only this route sends CORS headers' })
})

app.listen(8080, function () {
  console.log('listening on 8080')
})

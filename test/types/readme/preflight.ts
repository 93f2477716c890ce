// Mirrors the cors README, "Enabling CORS Pre-Flight": an OPTIONS route per path, and one for
// every path. Express 5 spells the catch-all `'/{*splat}'` (its router throws on a bare `'*'`),
// and `app.del` is `app.delete`.
import express from 'express'
import cors from 'corsica/express' // was: import cors from 'cors'

const app = express()

app.options('/products/:id', cors()) // answers the preflight a DELETE needs
app.delete('/products/:id', cors(), function (req, res, next) {
  res.json({ msg: 'deleted' })
})

// Across the board, registered before the other routes.
app.options('/{*splat}', cors())

app.listen(8080, function () {
  console.log('listening on 8080')
})

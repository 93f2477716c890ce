// Mirrors the cors README, "Simple Usage (Enable *All* CORS Requests)": an application-wide
// `app.use(cors())`. Only the import differs from a `cors` user's file.
import express from 'express'
import cors from 'corsica/express' // was: import cors from 'cors'

const app = express()

// Every route answers with Access-Control-Allow-Origin: *
app.use(cors())

app.get('/products/:id', function (req, res, next) {
  res.json({ msg: 'a product' })
})

app.listen(8080, function () {
  console.log('listening on 8080')
})

// A real OpenID Connect provider for the tests (the npm package oauth2-mock-server): discovery,
// JWKS, the authorization code flow with PKCE and nonce, ID tokens signed with a fresh RSA key.
// What goes into the next token is read from the JSON file named by the first argument (email,
// name, groups, sub, and a mode: "wrong-audience", "expired" or "bad-signature"), so a test can ask
// for each kind of bad answer. Prints "issuer <url>" once it listens.
import { OAuth2Server, Events } from 'oauth2-mock-server';
import fs from 'node:fs';

const control = process.argv[2];
const read = () => {
  try { return JSON.parse(fs.readFileSync(control, 'utf8')); } catch { return {}; }
};
const server = new OAuth2Server();
await server.issuer.keys.generate('RS256');
server.service.on(Events.BeforeTokenSigning, (token) => {
  const c = read();
  for (const key of ['email', 'name', 'groups']) if (c[key] !== undefined) token.payload[key] = c[key];
  // A subject of its own per person (the package's default is one for everyone).
  if (c.sub !== undefined || c.email !== undefined) token.payload.sub = c.sub ?? `user-${c.email}`;
  if (c.mode === 'wrong-audience') token.payload.aud = 'another-application';
  if (c.mode === 'expired') {
    token.payload.iat -= 7200;
    token.payload.exp = token.payload.iat + 600;
  }
});
server.service.on(Events.BeforeResponse, (response) => {
  if (read().mode !== 'bad-signature' || !response.body.id_token) return;
  // Another address in the payload, the provider's signature kept: a forged token.
  const [h, p, s] = response.body.id_token.split('.');
  const claims = JSON.parse(Buffer.from(p, 'base64url'));
  claims.email = `forged@${String(claims.email).split('@')[1]}`;
  response.body.id_token = [h, Buffer.from(JSON.stringify(claims)).toString('base64url'), s].join('.');
});
await server.start(0, '127.0.0.1');
console.log(`issuer ${server.issuer.url}`);

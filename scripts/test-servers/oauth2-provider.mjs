// A stand-in OpenID Connect provider for the Google sign-in tests: oauth2-mock-server (which
// enforces PKCE S256 and signs ID tokens with a key it publishes under a kid) on 127.0.0.1 at
// a free port. Prints `listening <port> <issuer>` once it serves.
//
//   node oauth2-provider.mjs '<json>'
//
// The JSON says what its ID tokens claim: `claims` are merged into every token (sub, email,
// email_verified, name, ...), `aud` replaces the audience, `omit` lists claims to remove.
// The package is found under $ACCOUNT_TEST_NODE_MODULES (scripts/test-servers/node-tools).
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

const modules = process.env.ACCOUNT_TEST_NODE_MODULES;
if (!modules) {
  console.error('ACCOUNT_TEST_NODE_MODULES is not set: run scripts/test-servers/node-tools');
  process.exit(2);
}
const entry = pathToFileURL(join(modules, 'oauth2-mock-server', 'dist', 'index.mjs')).href;
const { OAuth2Server } = await import(entry);

const config = JSON.parse(process.argv[2] ?? '{}');
const server = new OAuth2Server();
await server.issuer.keys.generate('RS256');
server.service.on('beforeTokenSigning', (token) => {
  Object.assign(token.payload, config.claims ?? {});
  if (config.aud !== undefined) token.payload.aud = config.aud;
  for (const claim of config.omit ?? []) delete token.payload[claim];
});
await server.start(0, '127.0.0.1');
console.log(`listening ${server.address().port} ${server.issuer.url}`);

const stop = async () => {
  await server.stop();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// The test that started it holds stdin; when the test process ends, stdin closes.
process.stdin.on('end', stop);
process.stdin.resume();

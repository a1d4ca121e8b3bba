import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for login.botframework.com on loopback: publishes one trusted signing key through
 * OpenID metadata, so tokens signed by it are valid and tokens signed by anything else are forged.
 */
export interface TokenIssuer {
  metadataUrl: string;
  sign(claims: Record<string, unknown>, options?: { forged?: boolean }): string;
  close(): Promise<void>;
}

const KEY_ID = 'trusted-key';

export async function startTokenIssuer(): Promise<TokenIssuer> {
  const trusted = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const attacker = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = trusted.publicKey.export({ format: 'jwk' });
  const server = http.createServer((req, res) => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const body = req.url === '/keys' ? { keys: [{ ...jwk, kid: KEY_ID, use: 'sig', kty: 'RSA' }] } : { issuer: 'https://api.botframework.com', jwks_uri: `${base}/keys` };
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    metadataUrl: `http://127.0.0.1:${port}/openid`,
    sign: (claims, options = {}) => signJwt(claims, options.forged ? attacker.privateKey : trusted.privateKey),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function signJwt(claims: Record<string, unknown>, key: KeyObject): string {
  const now = Math.floor(Date.now() / 1000);
  const header = encode({ alg: 'RS256', typ: 'JWT', kid: KEY_ID });
  const payload = encode({ iss: 'https://api.botframework.com', nbf: now - 60, iat: now - 60, exp: now + 3600, ...claims });
  const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(key).toString('base64url');
  return `${header}.${payload}.${signature}`;
}

function encode(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

// What both conformance files need from greenroom-local: its binary started on a free port, the
// test credentials, and the data plane (/__greenroom/) called with SigV4 signatures as the API
// is (greenroom-local refuses unsigned calls). One signing helper, so the two suites cannot
// drift apart in how they sign.
//
// GREENROOM_LOCAL names the greenroom-local binary (the CMake test passes it).

import { spawn } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
// It comes with the SDK (its own signer).
import { SignatureV4 } from '@smithy/signature-v4';

export const BINARY = process.env.GREENROOM_LOCAL ?? '../../build/app/local/greenroom-local';
export const credentials = { accessKeyId: 'AKIAGREENROOMLOCAL01', secretAccessKey: 'greenroom/local/secret/key/0000000000000' };

// SHA-256 for the SDK's signer, from node:crypto.
export class Sha256 {
  constructor(secret) { this.hash = secret ? createHmac('sha256', secret) : createHash('sha256'); }
  update(data) { this.hash.update(data); }
  async digest() { return new Uint8Array(this.hash.digest()); }
}

// A SigV4 signer for the service's signing name `ivs`; other credentials for negative tests.
export const makeSigner = (creds = credentials) =>
  new SignatureV4({ credentials: creds, region: 'us-east-1', service: 'ivs', sha256: Sha256 });

// Starts greenroom-local with `args` and resolves with { service, endpoint } once it listens.
export function startLocal(args = []) {
  const service = spawn(BINARY, ['--port', '0', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let text = '';
    service.stdout.on('data', (chunk) => {
      text += chunk;
      const match = text.match(/listening on (https?:\/\/\S+)/);
      if (match) resolve({ service, endpoint: match[1] });
    });
    service.on('exit', (code) => reject(new Error(`greenroom-local exited with ${code}`)));
  });
}

// A signed data-plane call: resolves with { status, headers, body } (body parsed as JSON).
export async function planeRequest(endpoint, method, action, body, signer = makeSigner()) {
  const url = new URL(`${endpoint}/__greenroom/${action}`);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const signed = await signer.sign({
    method, protocol: url.protocol, hostname: url.hostname, port: Number(url.port), path: url.pathname, query: {},
    headers: { host: url.host, ...(payload ? { 'content-type': 'application/json' } : {}) }, body: payload,
  });
  const { host, ...headers } = signed.headers;
  const response = await fetch(url, { method, headers, body: payload });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

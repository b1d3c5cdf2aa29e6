// A small static file server for the built site, used by scripts/serve.sh and
// by the browser tests. It binds to loopback only and can imitate the hosts
// the site is deployed to: a sub-path (--base), a Content-Security-Policy
// header (--csp) and a Netlify-style `_headers` file (--headers-file).
//
//   node tests/e2e/support/serve.mjs [--root site] [--port 8080] [--base /sub/path/]
//        [--csp "<policy>"] [--headers-file site/_headers] [--log]
//
// Port 0 picks a free port. The URL is printed once the server listens.

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  // Streaming compilation (WebAssembly.instantiateStreaming) requires this
  // exact type; a wrong one is the classic static-host failure.
  '.wasm': 'application/wasm',
  '.bin': 'application/octet-stream',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.conf': 'text/plain; charset=utf-8',
};

const COMPRESSIBLE = /^(text\/|application\/(json|wasm|xml|manifest\+json)|image\/svg)/;

export function contentType(file) {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Normalises a base path to the form "/", or "/a/b/". */
export function normaliseBase(base) {
  let b = base || '/';
  if (!b.startsWith('/')) b = `/${b}`;
  if (!b.endsWith('/')) b = `${b}/`;
  return b;
}

/**
 * Parses a Netlify-style `_headers` file: a path pattern on its own line,
 * followed by indented `Name: value` lines. `*` matches any run of
 * characters, `:name` one path segment. Lines starting with `#` are comments.
 */
export function parseHeadersFile(text) {
  const rules = [];
  let current = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s+$/, '');
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (/^\s/.test(line)) {
      if (!current) throw new Error(`_headers: header line before any path: "${line.trim()}"`);
      const colon = line.indexOf(':');
      if (colon < 0) throw new Error(`_headers: expected "Name: value", got "${line.trim()}"`);
      current.headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
    } else {
      current = { pattern: line.trim(), regex: patternToRegex(line.trim()), headers: [] };
      rules.push(current);
    }
  }
  return rules;
}

function patternToRegex(pattern) {
  const escaped = pattern
    .split('*')
    .map((part) =>
      part
        .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
        .replace(/:[A-Za-z_][A-Za-z0-9_]*/g, '[^/]+'),
    )
    .join('.*');
  return new RegExp(`^${escaped}$`);
}

/**
 * Headers the rules give a site-relative request path ("/index/manifest.json";
 * a folder is matched as requested, "/" rather than "/index.html", as
 * Netlify does).
 * Rules apply in file order; a later rule replaces a header of the same name
 * set by an earlier one, so specific rules go after general ones.
 */
export function headersFor(rules, sitePath) {
  const out = new Map();
  for (const rule of rules) {
    if (!rule.regex.test(sitePath)) continue;
    for (const [name, value] of rule.headers) out.set(name.toLowerCase(), [name, value]);
  }
  return [...out.values()];
}

/**
 * Starts the server. Resolves to { url, port, base, requests, close() };
 * `requests` lists every request path received (tests use it to prove that
 * a page made no request, or which chunks it fetched).
 */
export async function startServer({
  root = 'site',
  port = 0,
  base = '/',
  csp = null,
  headersFile = null,
  log = false,
} = {}) {
  const rootDir = path.resolve(root);
  if (!fs.existsSync(rootDir) || !fs.statSync(rootDir).isDirectory()) {
    throw new Error(`serve: ${rootDir} is not a directory (build the site first: bash scripts/build-site.sh)`);
  }
  const prefix = normaliseBase(base);
  const rules = headersFile ? parseHeadersFile(fs.readFileSync(headersFile, 'utf8')) : [];
  const gzipCache = new Map();
  const requests = [];

  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    requests.push(url.pathname + url.search);
    const done = (status) => {
      if (log) console.log(`${status} ${req.method} ${url.pathname}`);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return done(405);
    }
    // The site root without its trailing slash: redirect like static hosts do,
    // so relative URLs resolve under the sub-path.
    if (prefix !== '/' && url.pathname === prefix.slice(0, -1)) {
      res.writeHead(301, { Location: prefix + url.search }).end();
      return done(301);
    }
    if (!url.pathname.startsWith(prefix)) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
      return done(404);
    }
    let sitePath;
    try {
      sitePath = `/${decodeURIComponent(url.pathname.slice(prefix.length))}`;
    } catch {
      res.writeHead(400).end();
      return done(400);
    }
    let file = path.join(rootDir, path.normalize(sitePath));
    if (file !== rootDir && !file.startsWith(rootDir + path.sep)) {
      res.writeHead(403).end();
      return done(403);
    }
    let stat = fs.statSync(file, { throwIfNoEntry: false });
    if (stat?.isDirectory()) {
      if (!url.pathname.endsWith('/')) {
        res.writeHead(301, { Location: `${url.pathname}/${url.search}` }).end();
        return done(301);
      }
      file = path.join(file, 'index.html');
      stat = fs.statSync(file, { throwIfNoEntry: false });
    }
    if (!stat?.isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
      return done(404);
    }

    const headers = {
      'Content-Type': contentType(file),
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    };
    for (const [name, value] of headersFor(rules, sitePath)) {
      for (const key of Object.keys(headers)) if (key.toLowerCase() === name.toLowerCase()) delete headers[key];
      headers[name] = value;
    }
    if (csp && /^text\/html/.test(headers['Content-Type'])) headers['Content-Security-Policy'] = csp;

    let body = fs.readFileSync(file);
    const acceptsGzip = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
    if (acceptsGzip && body.length > 1024 && COMPRESSIBLE.test(headers['Content-Type'])) {
      const key = `${file}:${stat.mtimeMs}:${stat.size}`;
      let gz = gzipCache.get(key);
      if (!gz) {
        gz = zlib.gzipSync(body, { level: 6 });
        gzipCache.set(key, gz);
      }
      if (gz.length < body.length) {
        body = gz;
        headers['Content-Encoding'] = 'gzip';
      }
      headers.Vary = 'Accept-Encoding';
    }
    headers['Content-Length'] = body.length;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
    return done(200);
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: this is a test and preview server, never a public one.
    server.listen(port, '127.0.0.1', resolve);
  });
  const actualPort = server.address().port;
  const sockets = new Set();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return {
    url: `http://127.0.0.1:${actualPort}${prefix}`,
    port: actualPort,
    base: prefix,
    requests,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function parseArgs(argv) {
  const opts = { root: 'site', port: 8080, base: '/', csp: null, headersFile: null, log: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      return argv[++i];
    };
    switch (arg) {
      case '--root': opts.root = value(); break;
      case '--port': opts.port = Number(value()); break;
      case '--base': opts.base = value(); break;
      case '--csp': opts.csp = value(); break;
      case '--headers-file': opts.headersFile = value(); break;
      case '--log': opts.log = true; break;
      case '-h':
      case '--help':
        console.log('usage: serve.mjs [--root DIR] [--port N] [--base /sub/path/] [--csp POLICY] [--headers-file FILE] [--log]');
        process.exit(0);
        break;
      default:
        throw new Error(`unknown argument: ${arg}`);
    }
  }
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) throw new Error('--port must be 0..65535');
  return opts;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const opts = parseArgs(process.argv.slice(2));
    const server = await startServer(opts);
    console.log(`Serving ${path.resolve(opts.root)} at ${server.url}`);
    console.log('Press Ctrl+C to stop.');
    const stop = async () => {
      await server.close();
      process.exit(0);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (err) {
    const hint = err.code === 'EADDRINUSE' ? ' (the port is taken: stop the other server or pick another with --port / PORT=)' : '';
    console.error(`serve: ${err.message}${hint}`);
    process.exit(1);
  }
}

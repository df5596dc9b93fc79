import { createServer, type IncomingMessage, type Server } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';

/**
 * A loopback CONNECT proxy that gives Firefox real host names without the internet (Firefox has no host-resolver
 * flag like Chromium's): `CONNECT github.com:443` is tunnelled to the loopback TLS hosts server when that server
 * answers for the host, and refused otherwise, so nothing ever leaves the machine. Firefox's own services
 * (settings, captive-portal checks, telemetry) are refused the same way and listed in `refused`.
 */
export class HostsProxy {
  private server: Server | null = null;
  private sockets = new Set<Socket>();
  private tunnels = new Set<Socket>();
  /** Hosts tunnelled, in order, one line per CONNECT. */
  readonly tunnelled: string[] = [];
  /** Every refused request, as `host:port` (CONNECT) or the absolute URL (plain HTTP). */
  readonly refused: string[] = [];
  port = 0;
  private offline = false;

  constructor(
    /** Where mapped hosts go: the hosts server's loopback port. */
    private readonly target: () => number,
    /** Which hosts are mapped. */
    private readonly maps: (host: string) => boolean,
  ) {}

  private track(socket: Socket) {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
  }

  private onConnect = (req: IncomingMessage, client: Socket, head: Buffer) => {
    this.track(client);
    client.on('error', () => client.destroy());
    const [host = '', port = ''] = (req.url ?? '').split(':');
    if (this.offline || port !== '443' || !this.maps(host)) {
      this.refused.push(req.url ?? '');
      client.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    this.tunnelled.push(host);
    this.tunnels.add(client);
    client.on('close', () => this.tunnels.delete(client));
    const upstream = connect(this.target(), '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    this.track(upstream);
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
  };

  /** Offline: every open tunnel is cut (Firefox keeps connections alive) and every new request refused. */
  setOffline(offline: boolean): void {
    this.offline = offline;
    if (offline) for (const s of this.tunnels) s.destroy();
  }

  async start(): Promise<this> {
    // Plain-HTTP requests through the proxy (http:// URLs, Firefox's captive-portal check) are all refused:
    // the hosts server speaks TLS only.
    const server = createServer((req, res) => {
      this.refused.push(req.url ?? '');
      res.writeHead(403, { 'content-length': '0' }).end();
    });
    server.on('connect', this.onConnect);
    server.on('connection', (s: Socket) => this.track(s));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

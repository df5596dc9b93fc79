import { it } from 'vitest';
import { launchStint } from '../support/browser';
import { HostsServer } from '../support/hosts-server';

it('explore', async () => {
  const server = await new HostsServer().start();
  const stint = await launchStint({ port: server.port });
  try {
    const w = await stint.worker();
    console.log('perf.memory', await w.evaluate(() => { const m = (performance as any).memory; return m ? { used: m.usedJSHeapSize, total: m.totalJSHeapSize } : null; }));
    const page = await stint.context.newPage();
    const cdp = await stint.context.newCDPSession(page);
    const { targetInfos } = await cdp.send('Target.getTargets') as any;
    console.log(targetInfos.map((t: any) => `${t.type} ${t.url}`));
    const sw = targetInfos.find((t: any) => t.type === 'service_worker');
    try {
      const r = await cdp.send('Target.attachToTarget', { targetId: sw.targetId, flatten: false }) as any;
      console.log('attached', r);
      let id = 0;
      const pending = new Map<number, (v: any) => void>();
      cdp.on('Target.receivedMessageFromTarget', (e: any) => { const m = JSON.parse(e.message); pending.get(m.id)?.(m); });
      const send = (method: string, params = {}) => new Promise<any>((res) => { const i = ++id; pending.set(i, res); void cdp.send('Target.sendMessageToTarget', { sessionId: r.sessionId, message: JSON.stringify({ id: i, method, params }) }); });
      console.log(JSON.stringify(await send('Runtime.getHeapUsage')));
      console.log(JSON.stringify(await send('HeapProfiler.collectGarbage')));
      console.log(JSON.stringify(await send('Runtime.getHeapUsage')));
    } catch (e) { console.log('attach failed', e); }
  } finally {
    await stint.close();
    await server.stop();
  }
});

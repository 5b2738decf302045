import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/cli/distFolder';
import { buildPeerGraph, PEER_GRAPHS } from '../src/peer/onnxGraphs';

/**
 * `npm run peer:graphs`: writes the peer's ONNX graphs to src/peer/graphs/ from
 * src/peer/onnxGraphs.ts (protobufjs encodes them; nothing is downloaded). A test fails when
 * the committed files differ from what this would write.
 */
for (const g of PEER_GRAPHS) {
  const bytes = buildPeerGraph(g);
  writeFileSync(join(PROJECT_ROOT, 'src', 'peer', 'graphs', g.file), bytes);
  console.log(`src/peer/graphs/${g.file}: ${bytes.length} bytes, ${g.what}`);
}

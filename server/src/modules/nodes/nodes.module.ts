import { BILLING_OR_PORTAL } from '../../graphql/access-policy.js';
import type { SettleModule } from '../../app/settle-module.js';
import { NodeResolver } from './node.resolver.js';
import { NodeService } from './node.service.js';
import { setNodes } from './nodes.services.js';

/** `node(id:)` and `nodes(ids:)` (Relay): refetch any object another module declares in its `nodes`. */
export const nodesModule: SettleModule = {
  name: 'nodes',
  resolvers: [NodeResolver],
  // Technicians read their own time through their lists; a node of any type is for billing staff and portal users.
  access: { Query: { node: BILLING_OR_PORTAL, nodes: BILLING_OR_PORTAL } },
  async setup(c) {
    // The module list imports this module: read it once everything is loaded, not at import time.
    const { SETTLE_MODULES } = await import('../../app/modules.js');
    setNodes(
      c,
      new NodeService(
        c.db,
        SETTLE_MODULES.flatMap((m) => m.nodes ?? []),
      ),
    );
    return {};
  },
};

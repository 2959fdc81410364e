import { moduleServices } from '../../app/module-services.js';
import type { Container } from '../../app/container.js';
import type { NodeService } from './node.service.js';

const services = moduleServices<NodeService>('nodes');
export const nodesOf = (c: Container): NodeService => services.of(c);
export const setNodes = (c: Container, s: NodeService) => services.set(c, s);

import type { AllEntities } from 'n8n-workflow';

type NodeMap = {
	order: 'get' | 'getAll';
	return: 'getAll';
};

export type WalmartMarketplaceType = AllEntities<NodeMap>;

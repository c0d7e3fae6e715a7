import type { AllEntities } from 'n8n-workflow';

type NodeMap = {
	order: 'cancelLines' | 'get' | 'getAll';
	return: 'getAll';
};

export type WalmartMarketplaceType = AllEntities<NodeMap>;

import type { AllEntities } from 'n8n-workflow';

type NodeMap = {
	order: 'cancelLines' | 'get' | 'getAll' | 'refundLines';
	return: 'getAll' | 'refund';
};

export type WalmartMarketplaceType = AllEntities<NodeMap>;

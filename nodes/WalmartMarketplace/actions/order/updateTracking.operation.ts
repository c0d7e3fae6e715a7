import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { CARRIER_OPTIONS, METHOD_CODE_OPTIONS, OTHER_CARRIER } from '../../descriptions/carriers';
import { orderLineNumberField, simplifyOutput } from '../../descriptions/common.description';
import type { WalmartOrder } from '../../helpers/interfaces';
import { purchaseOrderIdParameter, readPurchaseOrderId } from '../../helpers/orderIds';
import { parseJsonList } from '../../helpers/parse';
import { simplifyOrder } from '../../helpers/simplify';
import { parseSellerOrderId } from '../../helpers/tracking';
import type { LineOutcome, WriteBatch } from '../../helpers/writeRunner';
import { chunk, readWriteSettings, runWrite } from '../../helpers/writeRunner';
import {
	executeOnceNotice,
	readChoice,
	readOptions,
	readSimplify,
	writeLockKey,
	writeSafetyOptions,
} from '../../helpers/writeOptions';
import type { ShipLineRequest } from '../../transport/api';
import { getOrder, updateTrackingRequest } from '../../transport/api';
import type { CorrectionInput } from './updateTracking.plan';
import {
	isCorrected,
	KEEP,
	parseRequestedCorrections,
	planCorrections,
} from './updateTracking.plan';

/** Walmart documents no line cap for shipping updates; 100 per request matches its cancel limit. */
const MAX_LINES_PER_UPDATE = 100;

const keepCurrent = {
	name: 'Keep Current',
	value: KEEP,
	description: 'Leave it as Walmart has it for the package',
};

const properties: INodeProperties[] = [
	executeOnceNotice,
	purchaseOrderIdParameter,
	{
		displayName: 'Corrections Input',
		name: 'linesInput',
		type: 'options',
		default: 'ui',
		options: [
			{ name: 'Fields Below', value: 'ui' },
			{
				name: 'JSON',
				value: 'json',
				description: 'A list mapped from an earlier node, such as a carrier’s correction',
			},
		],
	},
	{
		displayName: 'Corrections',
		name: 'corrections',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Correction',
		default: {},
		displayOptions: { show: { linesInput: ['ui'] } },
		options: [
			{
				name: 'line',
				displayName: 'Correction',
				values: [
					orderLineNumberField,
					{
						displayName: 'Current Tracking Number',
						name: 'currentTrackingNumber',
						type: 'string',
						default: '',
						description:
							'The tracking number the shipped package has now; may be empty when the line has one package',
					},
					{
						displayName: 'New Tracking Number',
						name: 'trackingNumber',
						type: 'string',
						default: '',
						description: 'The correct tracking number; empty keeps the current one',
					},
				],
			},
		],
	},
	{
		displayName: 'Corrections (JSON)',
		name: 'linesJson',
		type: 'json',
		default:
			'[{ "lineNumber": "1", "currentTrackingNumber": "1Z999AA10123456784", "trackingNumber": "1Z999AA10123456785" }]',
		displayOptions: { show: { linesInput: ['json'] } },
		description:
			'A list of objects with lineNumber, and optionally currentTrackingNumber, trackingNumber, carrier (or otherCarrier), methodCode and trackingURL; what is left out takes the field below, or stays as it is',
	},
	{
		displayName: 'Carrier',
		name: 'carrier',
		type: 'options',
		default: KEEP,
		options: [keepCurrent, ...CARRIER_OPTIONS],
		description: 'The correct carrier, spelled exactly as Walmart lists it, or Keep Current',
	},
	{
		displayName: 'Other Carrier Name',
		name: 'otherCarrier',
		type: 'string',
		default: '',
		placeholder: 'Purolator',
		displayOptions: { show: { carrier: [OTHER_CARRIER] } },
		description: 'The carrier’s name. Walmart then needs a tracking URL as well.',
	},
	{
		displayName: 'Method Code',
		name: 'methodCode',
		type: 'options',
		default: KEEP,
		options: [keepCurrent, ...METHOD_CODE_OPTIONS],
		description: 'The correct shipping method, or Keep Current',
	},
	{
		displayName: 'Tracking URL',
		name: 'trackingURL',
		type: 'string',
		default: '',
		description: 'The correct tracking page; empty keeps the current one',
	},
	simplifyOutput,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			...writeSafetyOptions('order'),
			{
				displayName: 'Seller Order ID',
				name: 'sellerOrderId',
				type: 'string',
				default: '',
				description:
					'Your own order number, sent with the correction as Walmart requires (at most 30 characters). Empty sends the one Walmart has on the line, else the purchase order ID.',
			},
		],
	},
];

const displayOptions: IDisplayOptions = {
	show: {
		resource: ['order'],
		operation: ['updateTracking'],
	},
};

export const description = updateDisplayOptions(displayOptions, properties);

function readInput(
	context: IExecuteFunctions,
	itemIndex: number,
	options: IDataObject,
): CorrectionInput {
	const parameter = (name: string) => context.getNodeParameter(name, itemIndex, '') as unknown;
	const carrier = parameter('carrier');
	const input = readChoice(context, 'linesInput', itemIndex, ['ui', 'json'], 'Corrections Input');
	const entries =
		input === 'json'
			? parseJsonList(
					parameter('linesJson'),
					'Corrections (JSON)',
					'[{"lineNumber": "1", "currentTrackingNumber": "1Z…", "trackingNumber": "1Z…"}]',
				)
			: (((context.getNodeParameter('corrections', itemIndex, {}) as IDataObject)?.line as
					| unknown[]
					| undefined) ?? []);
	return {
		corrections: parseRequestedCorrections(entries, input === 'json', {
			carrier,
			otherCarrier: carrier === OTHER_CARRIER ? parameter('otherCarrier') : undefined,
			methodCode: parameter('methodCode'),
			trackingURL: parameter('trackingURL'),
		}),
		sellerOrderId: parseSellerOrderId(options.sellerOrderId, '"Seller Order ID"'),
	};
}

function correctionBatch(
	purchaseOrderId: string,
	lines: ShipLineRequest[],
	outcomes: LineOutcome[],
): WriteBatch<WalmartOrder> {
	return {
		lines: outcomes,
		request: updateTrackingRequest(purchaseOrderId, lines),
		isApplied: (_before, now) => outcomes.every((outcome) => isCorrected(now, outcome)),
	};
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	// https://developer.walmart.com/us-marketplace/docs/update-tracking-information
	const purchaseOrderId = readPurchaseOrderId(this, i);
	const options = readOptions(this, i);
	const input = readInput(this, i, options);
	const simplify = readSimplify(this, i);
	const settings = readWriteSettings(this, options);
	const { key } = await writeLockKey(this, i, `order:${purchaseOrderId}`);

	return await runWrite<WalmartOrder>(
		this,
		i,
		key,
		{
			subject: { purchaseOrderId },
			done: 'updated',
			stateKey: 'order',
			label: `purchase order ${purchaseOrderId}`,
			whereToCheck: `the tracking of purchase order ${purchaseOrderId} in Seller Center (Order Management)`,
			read: async () => await getOrder(this, purchaseOrderId, i),
			plan: (order) => {
				const plan = planCorrections(order, input);
				const batches = chunk(plan.toSend, MAX_LINES_PER_UPDATE).map((lines) => {
					const numbers = new Set(lines.map((line) => line.lineNumber));
					const outcomes = plan.planned.filter((line) => numbers.has(line.lineNumber));
					return correctionBatch(purchaseOrderId, lines, outcomes);
				});
				return { batches, skipped: plan.skipped };
			},
			// A correction replaces tracking rather than adding to it: there is nothing to double.
			excess: () => [],
			render: (order) => (simplify ? simplifyOrder(order) : (order as unknown as IDataObject)),
		},
		settings,
	);
}

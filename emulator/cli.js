// @ts-check
// Runs the emulator from a shell: node emulator/cli.js [--port 8089] [--orders 500] ...

const { startEmulator } = require('./index');

const USAGE = `Usage: node emulator/cli.js [options]

  --host <host>              interface to listen on (default 127.0.0.1)
  --port <port>              port, 0 for a random free one (default 8089)
  --orders <n>               number of seeded orders, 0-100000 (default 200)
  --order-cap <n>            most orders one query may match before Walmart's error (default 10000)
  --latency <ms>             delay added to every /v3 answer (default 0)
  --returns <n>              number of seeded returns (default orders/5)
  --seed <n>                 data seed (default 42)
  --token-lifetime <sec>     access token lifetime in seconds (default 900)
  --client-id <id>           client ID to accept (default emulator-client-id)
  --client-secret <secret>   client secret to accept (default emulator-client-secret)
  --throttle-capacity <n>    requests per endpoint bucket (default 1000)
  --throttle-refill <n>      bucket refill per second (default 1000)
  --charge-reading <r>       perUnit or lineTotal: how order line charge amounts are read
                             for refund limits (default perUnit)
  --hmac-encoding <e>        base64 or hex: encoding of HMAC notification signatures
                             (default base64)
  --redelivery-delay <ms>    wait between notification delivery attempts (default 1000)
  --help                     show this help
`;

/** @type {Record<string, 'string' | 'number'>} */
const FLAGS = {
	host: 'string',
	port: 'number',
	orders: 'number',
	'order-cap': 'number',
	latency: 'number',
	returns: 'number',
	seed: 'number',
	'token-lifetime': 'number',
	'client-id': 'string',
	'client-secret': 'string',
	'throttle-capacity': 'number',
	'throttle-refill': 'number',
	'charge-reading': 'string',
	'hmac-encoding': 'string',
	'redelivery-delay': 'number',
};

/**
 * @param {string[]} argv
 * @returns {Record<string, string | number>}
 */
function parseArgs(argv) {
	/** @type {Record<string, string | number>} */
	const values = {};
	for (let index = 0; index < argv.length; index++) {
		const arg = argv[index];
		if (arg === '--help' || arg === '-h') {
			process.stdout.write(USAGE);
			process.exit(0);
		}
		const [flag, inlineValue] = arg.replace(/^--/, '').split(/=(.*)/s, 2);
		const kind = arg.startsWith('--') ? FLAGS[flag] : undefined;
		if (kind === undefined) throw new Error(`Unknown option '${arg}'.\n\n${USAGE}`);
		const raw = inlineValue ?? argv[++index];
		if (raw === undefined) throw new Error(`Option --${flag} needs a value.`);
		if (kind === 'number') {
			const number = Number(raw);
			if (raw.trim() === '' || !Number.isFinite(number)) {
				throw new Error(`Option --${flag} needs a number (got '${raw}').`);
			}
			values[flag] = number;
		} else {
			values[flag] = raw;
		}
	}
	return values;
}

/**
 * @param {Record<string, string | number>} values
 * @param {string} name
 */
function numberOption(values, name) {
	const value = values[name];
	return typeof value === 'number' ? value : undefined;
}

/**
 * @param {Record<string, string | number>} values
 * @param {string} name
 */
function stringOption(values, name) {
	const value = values[name];
	return typeof value === 'string' ? value : undefined;
}

async function main() {
	const values = parseArgs(process.argv.slice(2));
	const capacity = numberOption(values, 'throttle-capacity');
	const refillPerSecond = numberOption(values, 'throttle-refill');
	const chargeReading = stringOption(values, 'charge-reading');
	if (chargeReading !== undefined && chargeReading !== 'perUnit' && chargeReading !== 'lineTotal') {
		throw new Error(
			`Option --charge-reading must be perUnit or lineTotal (got '${chargeReading}').`,
		);
	}
	const emulator = await startEmulator({
		host: stringOption(values, 'host') ?? '127.0.0.1',
		port: numberOption(values, 'port') ?? 8089,
		orderCount: numberOption(values, 'orders'),
		orderCap: numberOption(values, 'order-cap'),
		latencyMs: numberOption(values, 'latency'),
		returnCount: numberOption(values, 'returns'),
		seed: numberOption(values, 'seed'),
		tokenLifetimeSeconds: numberOption(values, 'token-lifetime'),
		clientId: stringOption(values, 'client-id'),
		clientSecret: stringOption(values, 'client-secret'),
		throttle: {
			...(capacity === undefined ? {} : { capacity }),
			...(refillPerSecond === undefined ? {} : { refillPerSecond }),
		},
		chargeReading,
		// Checked by the emulator, whose error names the allowed encodings.
		hmacEncoding: /** @type {import('./notifications').HmacEncoding | undefined} */ (
			stringOption(values, 'hmac-encoding')
		),
		redeliveryDelayMs: numberOption(values, 'redelivery-delay'),
	});
	// The secret is the emulator's own fake credential; printing it is how users get it.
	process.stdout.write(
		`Base URL: ${emulator.baseUrl}\nClient ID: ${emulator.clientId}\nClient secret: ${emulator.clientSecret}\n`,
	);

	let stopping = false;
	/** @param {NodeJS.Signals} signal */
	const stop = (signal) => {
		if (stopping) return;
		stopping = true;
		emulator.close().then(
			() => {
				process.stderr.write(`Walmart emulator stopped (${signal}).\n`);
				process.exit(0);
			},
			(error) => {
				process.stderr.write(`Walmart emulator failed to stop: ${String(error)}\n`);
				process.exit(1);
			},
		);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error) => {
	process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
});

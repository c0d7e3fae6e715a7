// @ts-check
/**
 * The npm registry reachable here serves only the Linux builds of some native packages (for
 * example @unrs/resolver-binding-*), so `npm install` leaves the other platforms' optional
 * packages out of package-lock.json, and `npm ci` then calls the lock "out of sync". This adds
 * the missing optional entries with their os/cpu, which npm skips on a Linux machine exactly as
 * it would with a lock written elsewhere. Run it after any `npm install` that rewrites the lock.
 */
const fs = require('node:fs');
const path = require('node:path');

const lockPath = path.resolve(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(lockPath, 'utf8'));
/** @type {Record<string, Record<string, unknown>>} */
const packages = lock.packages;

const OS = [
	'android',
	'darwin',
	'freebsd',
	'linux',
	'openharmony',
	'win32',
	'netbsd',
	'openbsd',
	'sunos',
	'aix',
];
const CPU = {
	'arm-eabi': 'arm',
	'arm-gnueabihf': 'arm',
	'arm-musleabihf': 'arm',
	arm64: 'arm64',
	x64: 'x64',
	ia32: 'ia32',
	loong64: 'loong64',
	ppc64: 'ppc64',
	riscv64: 'riscv64',
	s390x: 's390x',
};

/** @param {string} name */
function platformOf(name) {
	const os = OS.find((candidate) => name.includes(`-${candidate}-`));
	const cpuKey = Object.keys(CPU)
		.sort((a, b) => b.length - a.length)
		.find((candidate) => name.includes(`-${candidate}`));
	const entry = /** @type {Record<string, unknown>} */ ({});
	if (os) entry.os = [os];
	if (cpuKey) entry.cpu = [CPU[/** @type {keyof typeof CPU} */ (cpuKey)]];
	if (name.endsWith('-gnu')) entry.libc = ['glibc'];
	if (name.endsWith('-musl')) entry.libc = ['musl'];
	return entry;
}

let added = 0;
for (const [location, meta] of Object.entries(packages)) {
	const optional = /** @type {Record<string, string> | undefined} */ (meta.optionalDependencies);
	if (!optional) continue;
	const parentDir = location === '' ? '' : `${location}/`;
	for (const [name, version] of Object.entries(optional)) {
		const nested = `${parentDir}node_modules/${name}`;
		const hoisted = `node_modules/${name}`;
		if (packages[nested] || packages[hoisted]) continue;
		const platform = platformOf(name);
		if (!platform.os && !platform.cpu) continue;
		packages[hoisted] = {
			version,
			dev: meta.dev === true ? true : undefined,
			optional: true,
			...platform,
		};
		added++;
	}
}
const sorted = Object.fromEntries(
	Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
lock.packages = sorted;
fs.writeFileSync(lockPath, `${JSON.stringify(lock, null, '\t')}\n`);
console.log(`package-lock.json: added ${added} optional platform entries`);

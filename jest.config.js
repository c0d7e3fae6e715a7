/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/emulator', '<rootDir>/test'],
	testMatch: ['**/*.test.js'],
	testTimeout: 30000,
};

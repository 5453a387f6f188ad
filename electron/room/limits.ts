// PLACEHOLDER — the room helper owns this file and documents every limit here, once.
export interface Limits {
  maxMessageBytes: number;
  maxClients: number;
  maxConnectionsPerIp: number;
  rateBurst: number;
  ratePerSecond: number;
  maxFragments: number;
  maxBufferedChunks: number;
  maxBufferedBytesPerClient: number;
  heartbeatMs: number;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  maxNameLength: number;
}

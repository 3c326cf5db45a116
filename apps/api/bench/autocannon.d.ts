// The few autocannon types the API benchmark uses (the package ships no declarations).
declare module 'autocannon' {
  interface RequestOptions {
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    path?: string;
  }
  interface Options {
    url: string;
    method?: string;
    connections?: number;
    duration?: number;
    headers?: Record<string, string>;
    requests?: { setupRequest?: (request: RequestOptions) => RequestOptions }[];
  }
  interface Histogram {
    average: number;
    p50: number;
    p99: number;
    /** Requests only: how many completed in the run. */
    total: number;
  }
  interface Result {
    requests: Histogram;
    latency: Histogram;
    errors: number;
    non2xx: number;
  }
  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}

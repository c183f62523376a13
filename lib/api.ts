import type { RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnStage,
  HttpApi,
  HttpMethod,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { limitsOf, routeThrottles } from '../functions/core/route-limits.ts';
import { type RouteDefinition, routeKey } from '../functions/routes.ts';
import { type FunctionBindings, HouseFunction } from './house-function.ts';
import { acknowledge } from './nag.ts';

export interface ApiProps {
  readonly routes: readonly RouteDefinition[];
  readonly bindings: FunctionBindings;
  readonly logRemovalPolicy: RemovalPolicy;
  /** Steady-state requests per second across the API, and the burst above it. */
  readonly throttle?: { readonly rateLimit: number; readonly burstLimit: number };
}

/**
 * Request metadata only. No source IP or user agent (personal data we do not need) and
 * nothing from the body.
 */
const accessLogFormat = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    requestTime: '$context.requestTime',
    routeKey: '$context.routeKey',
    status: '$context.status',
    responseLatency: '$context.responseLatency',
    integrationStatus: '$context.integrationStatus',
    integrationError: '$context.integrationErrorMessage',
    authorizerError: '$context.authorizer.error',
  }),
);

/** The HTTP API: one route and one house function per entry of the shared route table. */
export class Api extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly functions: ReadonlyMap<string, HouseFunction>;
  readonly routes: ReadonlyMap<string, HttpRoute>;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);

    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'CallSanta API: bookings, recordings and provider webhooks',
      createDefaultStage: false,
    });

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: props.logRemovalPolicy,
    });
    // Christmas Eve traffic is bursty but small; the limits stop a runaway client or a webhook
    // storm from fanning out into Lambda, DynamoDB and Stripe.
    const throttle = props.throttle ?? { rateLimit: 50, burstLimit: 100 };
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: accessLogFormat,
      },
    });

    const functions = new Map<string, HouseFunction>();
    const routes = new Map<string, HttpRoute>();
    for (const route of props.routes) {
      const key = routeKey(route);
      if (routes.has(key)) throw new Error(`The route table lists ${key} twice.`);
      const { name } = route.function;
      if (functions.has(name)) throw new Error(`Two routes use the function name ${name}.`);

      const fn = new HouseFunction(this, name, {
        definition: route.function,
        bindings: props.bindings,
        logRemovalPolicy: props.logRemovalPolicy,
      });
      const httpRoute = new HttpRoute(this, `${name}Route`, {
        httpApi: this.httpApi,
        routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
        integration: new HttpLambdaIntegration(`${name}Integration`, fn.function),
        ...(route.authorization === 'iam' ? { authorizer: new HttpIamAuthorizer() } : {}),
      });
      if (route.authorization === 'public') {
        // The reason is the route's own: the route key alone would pass the length check.
        const reason = (route.publicReason as string | undefined)?.trim().replace(/\.$/, '') ?? '';
        if (reason.length < 15) {
          throw new Error(
            `${key} is public, so its publicReason in functions/routes.ts must say why it needs ` +
              `no authoriser, got "${reason}".`,
          );
        }
        acknowledge(
          httpRoute.node.defaultChild ?? httpRoute,
          'AwsSolutions-APIG4',
          `${key} is public: ${reason}.`,
        );
      }
      functions.set(name, fn);
      routes.set(key, httpRoute);
    }
    // Each route throttled by its class (functions/core/route-limits.ts); the stage's limits above
    // stay the default for anything not named.
    (this.stage.node.defaultChild as CfnStage).routeSettings = Object.fromEntries(
      props.routes.map((route) => {
        const { rateLimit, burstLimit } = routeThrottles[limitsOf(route).routeClass];
        // RouteSettings is free-form JSON to CDK: the keys are CloudFormation's, as written.
        return [
          routeKey(route),
          { ThrottlingRateLimit: rateLimit, ThrottlingBurstLimit: burstLimit },
        ];
      }),
    );
    // CloudFormation refuses route settings for a route key that does not exist yet.
    for (const httpRoute of routes.values()) this.stage.node.addDependency(httpRoute);
    this.functions = functions;
    this.routes = routes;
  }
}

/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
  '\n  query SignInViewer {\n    viewer {\n      name\n      role\n      anonymous\n    }\n  }\n': typeof types.SignInViewerDocument;
  '\n  query Viewer {\n    viewer {\n      name\n      role\n      anonymous\n    }\n    serverInfo {\n      version\n      store {\n        adapter\n        ok\n      }\n    }\n  }\n': typeof types.ViewerDocument;
  '\n  fragment PipelineDagGraph on PipelineDag {\n    nodes {\n      name\n      type\n      order\n      branch\n      condition\n      displayName\n      description\n    }\n    edges {\n      from\n      to\n      kind\n    }\n  }\n': typeof types.PipelineDagGraphFragmentDoc;
  '\n  subscription ExecutionsChanged($pipelineName: String) {\n    executionsChanged(pipelineName: $pipelineName) {\n      executionId\n      status\n      at\n    }\n  }\n': typeof types.ExecutionsChangedDocument;
  '\n  mutation SetModelApprovalStatus($input: SetModelApprovalStatusInput!) {\n    setModelApprovalStatus(input: $input) {\n      errors {\n        code\n        message\n        path\n      }\n      modelPackage {\n        id\n        approvalStatus\n        approvals {\n          at\n          by\n          status\n          comment\n        }\n      }\n    }\n  }\n': typeof types.SetModelApprovalStatusDocument;
  '\n  query Artifact($id: ID!) {\n    artifact(id: $id) {\n      id\n      name\n      type\n      digest\n      uri\n      size\n      createdAt\n      properties\n      producer {\n        id\n        stepName\n        executionId\n      }\n      previousVersion {\n        id\n        name\n        createdAt\n      }\n      modelPackages {\n        id\n        group\n        version\n        approvalStatus\n      }\n    }\n  }\n': typeof types.ArtifactDocument;
  '\n  fragment ArtifactRow on Artifact {\n    id\n    name\n    type\n    digest\n    uri\n    size\n    createdAt\n    producer {\n      id\n      stepName\n      executionId\n    }\n  }\n': typeof types.ArtifactRowFragmentDoc;
  '\n  query Artifacts($filter: ArtifactFilter, $first: Int) {\n    artifacts(filter: $filter, first: $first) {\n      edges {\n        node {\n          ...ArtifactRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n': typeof types.ArtifactsDocument;
  '\n  query ArtifactSearch($text: String!, $types: [ArtifactType!], $first: Int) {\n    search(text: $text, types: $types, first: $first) {\n      edges {\n        node {\n          ...ArtifactRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n': typeof types.ArtifactSearchDocument;
  '\n  query Compare($name: String!) {\n    pipeline(name: $name) {\n      name\n      executions(first: 100) {\n        edges {\n          node {\n            id\n            status\n            startedAt\n            durationMs\n            parameters\n            pipelineVersion {\n              version\n            }\n            steps {\n              stepName\n              status\n              startedAt\n              endedAt\n              properties\n            }\n          }\n        }\n      }\n    }\n  }\n': typeof types.CompareDocument;
  '\n  query Execution($id: ID!) {\n    execution(id: $id) {\n      id\n      status\n      startedAt\n      endedAt\n      durationMs\n      failureReason\n      parameters\n      createdBy\n      pipelineName\n      pipelineVersion {\n        id\n        version\n        dag {\n          ...PipelineDagGraph\n        }\n      }\n      steps {\n        ...StepPanelStep\n      }\n    }\n    viewer {\n      role\n    }\n  }\n': typeof types.ExecutionDocument;
  '\n  subscription ExecutionEvents($id: ID!) {\n    executionEvents(executionId: $id) {\n      kind\n      at\n      stepName\n      stepStatus\n      executionStatus\n      message\n      stream\n      attempt\n      stepExecutionId\n      startedAt\n      endedAt\n      cacheHit\n      reusedStepExecution {\n        id\n        executionId\n        stepName\n      }\n      cacheMiss {\n        reason\n        message\n        differingFields\n        nearestStepExecution {\n          id\n          executionId\n        }\n      }\n    }\n  }\n': typeof types.ExecutionEventsDocument;
  '\n  mutation StopExecution($id: ID!) {\n    stopExecution(id: $id) {\n      errors {\n        message\n      }\n      execution {\n        id\n        status\n      }\n    }\n  }\n': typeof types.StopExecutionDocument;
  '\n  mutation RetryExecution($id: ID!) {\n    retryExecution(id: $id) {\n      errors {\n        message\n      }\n      execution {\n        id\n        status\n      }\n    }\n  }\n': typeof types.RetryExecutionDocument;
  '\n  query Impact($id: ID!) {\n    artifact(id: $id) {\n      id\n      name\n      type\n      digest\n      uri\n    }\n    impact(artifactId: $id) {\n      truncated\n      models {\n        id\n        name\n        digest\n        createdAt\n        producer {\n          id\n          executionId\n        }\n      }\n      modelPackages {\n        id\n        group\n        version\n        approvalStatus\n        createdAt\n        modelArtifact {\n          id\n          name\n        }\n      }\n      stepExecutions {\n        id\n      }\n    }\n  }\n': typeof types.ImpactDocument;
  '\n  fragment LineageNodeFields on LineageNode {\n    id\n    type\n    label\n    depth\n    status\n    artifactType\n    stepType\n    approvalStatus\n    contextType\n    digest\n    uri\n    createdAt\n    executionId\n    pipelineName\n    version\n  }\n': typeof types.LineageNodeFieldsFragmentDoc;
  '\n  query LineageNodeTarget($packageId: ID!) {\n    modelPackage(id: $packageId) {\n      id\n      modelArtifact {\n        id\n      }\n    }\n  }\n': typeof types.LineageNodeTargetDocument;
  '\n  query Lineage(\n    $ids: [ID!]!\n    $direction: LineageDirection\n    $depth: Int\n    $nodeTypes: [LineageNodeType!]\n    $artifactTypes: [ArtifactType!]\n    $limit: Int\n  ) {\n    lineage(\n      startIds: $ids\n      direction: $direction\n      maxDepth: $depth\n      nodeTypes: $nodeTypes\n      artifactTypes: $artifactTypes\n      nodeLimit: $limit\n    ) {\n      truncated\n      nodes {\n        ...LineageNodeFields\n      }\n      edges {\n        from\n        to\n        type\n      }\n    }\n  }\n': typeof types.LineageDocument;
  '\n  query LineagePaths($from: ID!, $to: ID!) {\n    forward: lineagePaths(from: $from, to: $to, limit: 20) {\n      truncated\n      paths {\n        nodeIds\n      }\n    }\n    backward: lineagePaths(from: $to, to: $from, limit: 20) {\n      truncated\n      paths {\n        nodeIds\n      }\n    }\n  }\n': typeof types.LineagePathsDocument;
  '\n  query Model($id: ID!) {\n    artifact(id: $id) {\n      id\n      name\n      type\n      digest\n      uri\n      size\n      createdAt\n      producer {\n        id\n        stepName\n        executionId\n      }\n      modelPackages {\n        id\n        group\n        version\n        description\n        approvalStatus\n        createdAt\n        metrics\n        approvals {\n          at\n          by\n          status\n          comment\n        }\n      }\n    }\n    provenance(modelId: $id) {\n      truncated\n      datasets {\n        depth\n        artifact {\n          id\n          name\n          digest\n          uri\n          producer {\n            id\n          }\n        }\n      }\n      code {\n        id\n        name\n        digest\n        uri\n      }\n      executions {\n        id\n        status\n        pipelineName\n        startedAt\n        parameters\n        pipelineVersion {\n          version\n          definitionHash\n        }\n      }\n      stepExecutions {\n        id\n        stepName\n        stepType\n        status\n        executionId\n        cacheHit\n      }\n      openLineageRuns {\n        id\n        job {\n          namespace\n          name\n        }\n        status\n        startedAt\n        outputs {\n          id\n        }\n      }\n    }\n    viewer {\n      role\n    }\n  }\n': typeof types.ModelDocument;
  '\n  query ModelPackages($statuses: [ApprovalStatus!], $group: String) {\n    modelPackages(approvalStatuses: $statuses, group: $group, first: 100) {\n      edges {\n        node {\n          id\n          group\n          version\n          approvalStatus\n          createdAt\n          metrics\n          modelArtifact {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n': typeof types.ModelPackagesDocument;
  '\n  query OpenLineageRunDetails($runId: ID!) {\n    openLineageRun(runId: $runId) {\n      id\n      runId\n      state\n      startedAt\n      endedAt\n      facets\n      producers\n      eventCount\n      job {\n        namespace\n        name\n        facets\n      }\n      datasetFacets {\n        direction\n        artifact {\n          id\n          name\n        }\n        facets\n      }\n      parent {\n        id\n        runId\n        state\n        job {\n          namespace\n          name\n        }\n      }\n      children {\n        id\n        runId\n        state\n        job {\n          namespace\n          name\n        }\n      }\n      events(first: 20) {\n        edges {\n          node {\n            eventDigest\n            eventType\n            eventTime\n            producer\n            event\n          }\n        }\n      }\n    }\n  }\n': typeof types.OpenLineageRunDetailsDocument;
  '\n  query OpenLineageDatasetDetails($namespace: String!, $name: String!) {\n    openLineageDataset(namespace: $namespace, name: $name) {\n      namespace\n      name\n      facets\n      versions {\n        id\n      }\n    }\n  }\n': typeof types.OpenLineageDatasetDetailsDocument;
  '\n  query PipelineStats($name: String!, $since: DateTime) {\n    executionStats(pipelineName: $name, since: $since) {\n      total\n      truncated\n      byStatus {\n        status\n        count\n      }\n      p50DurationMs\n      p95DurationMs\n      cacheLookups\n      cacheHits\n      cacheHitRatio\n    }\n  }\n': typeof types.PipelineStatsDocument;
  '\n  query Pipeline($name: String!, $version: Int, $statuses: [ExecutionStatus!]) {\n    pipeline(name: $name) {\n      name\n      description\n      latestVersion\n      createdAt\n      version(version: $version) {\n        id\n        version\n        definitionHash\n        createdAt\n        dag {\n          ...PipelineDagGraph\n        }\n        parameters {\n          ...StartExecutionParams\n        }\n      }\n      versions(first: 100) {\n        edges {\n          node {\n            id\n            version\n            createdAt\n            definitionHash\n          }\n        }\n      }\n      executions(first: 50, statuses: $statuses) {\n        edges {\n          node {\n            id\n            status\n            startedAt\n            durationMs\n            createdBy\n            pipelineVersion {\n              version\n            }\n          }\n        }\n      }\n    }\n    viewer {\n      role\n    }\n  }\n': typeof types.PipelineDocument;
  '\n  query Pipelines($search: String) {\n    pipelines(search: $search, first: 100) {\n      edges {\n        node {\n          name\n          description\n          latestVersion\n          createdAt\n          executions(first: 1) {\n            edges {\n              node {\n                id\n                status\n                startedAt\n                durationMs\n              }\n            }\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n': typeof types.PipelinesDocument;
  '\n  fragment StartExecutionParams on PipelineParameter {\n    name\n    type\n    default\n    enum\n    description\n  }\n': typeof types.StartExecutionParamsFragmentDoc;
  '\n  mutation StartExecution($input: StartExecutionInput!) {\n    startExecution(input: $input) {\n      errors {\n        code\n        message\n        path\n      }\n      execution {\n        id\n        status\n      }\n    }\n  }\n': typeof types.StartExecutionDocument;
  '\n  query StepLogs($id: ID!) {\n    stepExecution(id: $id) {\n      id\n      logs(last: 200) {\n        at\n        message\n        stream\n      }\n    }\n  }\n': typeof types.StepLogsDocument;
  '\n  fragment StepPanelStep on StepExecution {\n    id\n    stepName\n    stepType\n    status\n    attempt\n    startedAt\n    endedAt\n    failureReason\n    cacheHit\n    cacheKey\n    cacheMiss {\n      reason\n      message\n      differingFields\n      nearestStepExecution {\n        id\n        executionId\n      }\n    }\n    reusedStepExecution {\n      id\n      executionId\n      stepName\n    }\n    attempts {\n      attempt\n      status\n      startedAt\n      endedAt\n      exitCode\n      failureKind\n      failureReason\n    }\n    inputs {\n      name\n      artifact {\n        id\n        name\n        type\n        digest\n      }\n    }\n    outputs {\n      name\n      artifact {\n        id\n        name\n        type\n        digest\n      }\n    }\n    properties\n  }\n': typeof types.StepPanelStepFragmentDoc;
  '\n  query VersionDefinitions($name: String!, $a: Int!, $b: Int!) {\n    pipeline(name: $name) {\n      name\n      a: version(version: $a) {\n        id\n        version\n        definition\n      }\n      b: version(version: $b) {\n        id\n        version\n        definition\n      }\n    }\n  }\n': typeof types.VersionDefinitionsDocument;
};
const documents: Documents = {
  '\n  query SignInViewer {\n    viewer {\n      name\n      role\n      anonymous\n    }\n  }\n': types.SignInViewerDocument,
  '\n  query Viewer {\n    viewer {\n      name\n      role\n      anonymous\n    }\n    serverInfo {\n      version\n      store {\n        adapter\n        ok\n      }\n    }\n  }\n':
    types.ViewerDocument,
  '\n  fragment PipelineDagGraph on PipelineDag {\n    nodes {\n      name\n      type\n      order\n      branch\n      condition\n      displayName\n      description\n    }\n    edges {\n      from\n      to\n      kind\n    }\n  }\n':
    types.PipelineDagGraphFragmentDoc,
  '\n  subscription ExecutionsChanged($pipelineName: String) {\n    executionsChanged(pipelineName: $pipelineName) {\n      executionId\n      status\n      at\n    }\n  }\n':
    types.ExecutionsChangedDocument,
  '\n  mutation SetModelApprovalStatus($input: SetModelApprovalStatusInput!) {\n    setModelApprovalStatus(input: $input) {\n      errors {\n        code\n        message\n        path\n      }\n      modelPackage {\n        id\n        approvalStatus\n        approvals {\n          at\n          by\n          status\n          comment\n        }\n      }\n    }\n  }\n':
    types.SetModelApprovalStatusDocument,
  '\n  query Artifact($id: ID!) {\n    artifact(id: $id) {\n      id\n      name\n      type\n      digest\n      uri\n      size\n      createdAt\n      properties\n      producer {\n        id\n        stepName\n        executionId\n      }\n      previousVersion {\n        id\n        name\n        createdAt\n      }\n      modelPackages {\n        id\n        group\n        version\n        approvalStatus\n      }\n    }\n  }\n':
    types.ArtifactDocument,
  '\n  fragment ArtifactRow on Artifact {\n    id\n    name\n    type\n    digest\n    uri\n    size\n    createdAt\n    producer {\n      id\n      stepName\n      executionId\n    }\n  }\n':
    types.ArtifactRowFragmentDoc,
  '\n  query Artifacts($filter: ArtifactFilter, $first: Int) {\n    artifacts(filter: $filter, first: $first) {\n      edges {\n        node {\n          ...ArtifactRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n':
    types.ArtifactsDocument,
  '\n  query ArtifactSearch($text: String!, $types: [ArtifactType!], $first: Int) {\n    search(text: $text, types: $types, first: $first) {\n      edges {\n        node {\n          ...ArtifactRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n':
    types.ArtifactSearchDocument,
  '\n  query Compare($name: String!) {\n    pipeline(name: $name) {\n      name\n      executions(first: 100) {\n        edges {\n          node {\n            id\n            status\n            startedAt\n            durationMs\n            parameters\n            pipelineVersion {\n              version\n            }\n            steps {\n              stepName\n              status\n              startedAt\n              endedAt\n              properties\n            }\n          }\n        }\n      }\n    }\n  }\n':
    types.CompareDocument,
  '\n  query Execution($id: ID!) {\n    execution(id: $id) {\n      id\n      status\n      startedAt\n      endedAt\n      durationMs\n      failureReason\n      parameters\n      createdBy\n      pipelineName\n      pipelineVersion {\n        id\n        version\n        dag {\n          ...PipelineDagGraph\n        }\n      }\n      steps {\n        ...StepPanelStep\n      }\n    }\n    viewer {\n      role\n    }\n  }\n':
    types.ExecutionDocument,
  '\n  subscription ExecutionEvents($id: ID!) {\n    executionEvents(executionId: $id) {\n      kind\n      at\n      stepName\n      stepStatus\n      executionStatus\n      message\n      stream\n      attempt\n      stepExecutionId\n      startedAt\n      endedAt\n      cacheHit\n      reusedStepExecution {\n        id\n        executionId\n        stepName\n      }\n      cacheMiss {\n        reason\n        message\n        differingFields\n        nearestStepExecution {\n          id\n          executionId\n        }\n      }\n    }\n  }\n':
    types.ExecutionEventsDocument,
  '\n  mutation StopExecution($id: ID!) {\n    stopExecution(id: $id) {\n      errors {\n        message\n      }\n      execution {\n        id\n        status\n      }\n    }\n  }\n':
    types.StopExecutionDocument,
  '\n  mutation RetryExecution($id: ID!) {\n    retryExecution(id: $id) {\n      errors {\n        message\n      }\n      execution {\n        id\n        status\n      }\n    }\n  }\n':
    types.RetryExecutionDocument,
  '\n  query Impact($id: ID!) {\n    artifact(id: $id) {\n      id\n      name\n      type\n      digest\n      uri\n    }\n    impact(artifactId: $id) {\n      truncated\n      models {\n        id\n        name\n        digest\n        createdAt\n        producer {\n          id\n          executionId\n        }\n      }\n      modelPackages {\n        id\n        group\n        version\n        approvalStatus\n        createdAt\n        modelArtifact {\n          id\n          name\n        }\n      }\n      stepExecutions {\n        id\n      }\n    }\n  }\n':
    types.ImpactDocument,
  '\n  fragment LineageNodeFields on LineageNode {\n    id\n    type\n    label\n    depth\n    status\n    artifactType\n    stepType\n    approvalStatus\n    contextType\n    digest\n    uri\n    createdAt\n    executionId\n    pipelineName\n    version\n  }\n':
    types.LineageNodeFieldsFragmentDoc,
  '\n  query LineageNodeTarget($packageId: ID!) {\n    modelPackage(id: $packageId) {\n      id\n      modelArtifact {\n        id\n      }\n    }\n  }\n':
    types.LineageNodeTargetDocument,
  '\n  query Lineage(\n    $ids: [ID!]!\n    $direction: LineageDirection\n    $depth: Int\n    $nodeTypes: [LineageNodeType!]\n    $artifactTypes: [ArtifactType!]\n    $limit: Int\n  ) {\n    lineage(\n      startIds: $ids\n      direction: $direction\n      maxDepth: $depth\n      nodeTypes: $nodeTypes\n      artifactTypes: $artifactTypes\n      nodeLimit: $limit\n    ) {\n      truncated\n      nodes {\n        ...LineageNodeFields\n      }\n      edges {\n        from\n        to\n        type\n      }\n    }\n  }\n':
    types.LineageDocument,
  '\n  query LineagePaths($from: ID!, $to: ID!) {\n    forward: lineagePaths(from: $from, to: $to, limit: 20) {\n      truncated\n      paths {\n        nodeIds\n      }\n    }\n    backward: lineagePaths(from: $to, to: $from, limit: 20) {\n      truncated\n      paths {\n        nodeIds\n      }\n    }\n  }\n':
    types.LineagePathsDocument,
  '\n  query Model($id: ID!) {\n    artifact(id: $id) {\n      id\n      name\n      type\n      digest\n      uri\n      size\n      createdAt\n      producer {\n        id\n        stepName\n        executionId\n      }\n      modelPackages {\n        id\n        group\n        version\n        description\n        approvalStatus\n        createdAt\n        metrics\n        approvals {\n          at\n          by\n          status\n          comment\n        }\n      }\n    }\n    provenance(modelId: $id) {\n      truncated\n      datasets {\n        depth\n        artifact {\n          id\n          name\n          digest\n          uri\n          producer {\n            id\n          }\n        }\n      }\n      code {\n        id\n        name\n        digest\n        uri\n      }\n      executions {\n        id\n        status\n        pipelineName\n        startedAt\n        parameters\n        pipelineVersion {\n          version\n          definitionHash\n        }\n      }\n      stepExecutions {\n        id\n        stepName\n        stepType\n        status\n        executionId\n        cacheHit\n      }\n      openLineageRuns {\n        id\n        job {\n          namespace\n          name\n        }\n        status\n        startedAt\n        outputs {\n          id\n        }\n      }\n    }\n    viewer {\n      role\n    }\n  }\n':
    types.ModelDocument,
  '\n  query ModelPackages($statuses: [ApprovalStatus!], $group: String) {\n    modelPackages(approvalStatuses: $statuses, group: $group, first: 100) {\n      edges {\n        node {\n          id\n          group\n          version\n          approvalStatus\n          createdAt\n          metrics\n          modelArtifact {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n':
    types.ModelPackagesDocument,
  '\n  query OpenLineageRunDetails($runId: ID!) {\n    openLineageRun(runId: $runId) {\n      id\n      runId\n      state\n      startedAt\n      endedAt\n      facets\n      producers\n      eventCount\n      job {\n        namespace\n        name\n        facets\n      }\n      datasetFacets {\n        direction\n        artifact {\n          id\n          name\n        }\n        facets\n      }\n      parent {\n        id\n        runId\n        state\n        job {\n          namespace\n          name\n        }\n      }\n      children {\n        id\n        runId\n        state\n        job {\n          namespace\n          name\n        }\n      }\n      events(first: 20) {\n        edges {\n          node {\n            eventDigest\n            eventType\n            eventTime\n            producer\n            event\n          }\n        }\n      }\n    }\n  }\n':
    types.OpenLineageRunDetailsDocument,
  '\n  query OpenLineageDatasetDetails($namespace: String!, $name: String!) {\n    openLineageDataset(namespace: $namespace, name: $name) {\n      namespace\n      name\n      facets\n      versions {\n        id\n      }\n    }\n  }\n':
    types.OpenLineageDatasetDetailsDocument,
  '\n  query PipelineStats($name: String!, $since: DateTime) {\n    executionStats(pipelineName: $name, since: $since) {\n      total\n      truncated\n      byStatus {\n        status\n        count\n      }\n      p50DurationMs\n      p95DurationMs\n      cacheLookups\n      cacheHits\n      cacheHitRatio\n    }\n  }\n':
    types.PipelineStatsDocument,
  '\n  query Pipeline($name: String!, $version: Int, $statuses: [ExecutionStatus!]) {\n    pipeline(name: $name) {\n      name\n      description\n      latestVersion\n      createdAt\n      version(version: $version) {\n        id\n        version\n        definitionHash\n        createdAt\n        dag {\n          ...PipelineDagGraph\n        }\n        parameters {\n          ...StartExecutionParams\n        }\n      }\n      versions(first: 100) {\n        edges {\n          node {\n            id\n            version\n            createdAt\n            definitionHash\n          }\n        }\n      }\n      executions(first: 50, statuses: $statuses) {\n        edges {\n          node {\n            id\n            status\n            startedAt\n            durationMs\n            createdBy\n            pipelineVersion {\n              version\n            }\n          }\n        }\n      }\n    }\n    viewer {\n      role\n    }\n  }\n':
    types.PipelineDocument,
  '\n  query Pipelines($search: String) {\n    pipelines(search: $search, first: 100) {\n      edges {\n        node {\n          name\n          description\n          latestVersion\n          createdAt\n          executions(first: 1) {\n            edges {\n              node {\n                id\n                status\n                startedAt\n                durationMs\n              }\n            }\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n':
    types.PipelinesDocument,
  '\n  fragment StartExecutionParams on PipelineParameter {\n    name\n    type\n    default\n    enum\n    description\n  }\n':
    types.StartExecutionParamsFragmentDoc,
  '\n  mutation StartExecution($input: StartExecutionInput!) {\n    startExecution(input: $input) {\n      errors {\n        code\n        message\n        path\n      }\n      execution {\n        id\n        status\n      }\n    }\n  }\n':
    types.StartExecutionDocument,
  '\n  query StepLogs($id: ID!) {\n    stepExecution(id: $id) {\n      id\n      logs(last: 200) {\n        at\n        message\n        stream\n      }\n    }\n  }\n':
    types.StepLogsDocument,
  '\n  fragment StepPanelStep on StepExecution {\n    id\n    stepName\n    stepType\n    status\n    attempt\n    startedAt\n    endedAt\n    failureReason\n    cacheHit\n    cacheKey\n    cacheMiss {\n      reason\n      message\n      differingFields\n      nearestStepExecution {\n        id\n        executionId\n      }\n    }\n    reusedStepExecution {\n      id\n      executionId\n      stepName\n    }\n    attempts {\n      attempt\n      status\n      startedAt\n      endedAt\n      exitCode\n      failureKind\n      failureReason\n    }\n    inputs {\n      name\n      artifact {\n        id\n        name\n        type\n        digest\n      }\n    }\n    outputs {\n      name\n      artifact {\n        id\n        name\n        type\n        digest\n      }\n    }\n    properties\n  }\n':
    types.StepPanelStepFragmentDoc,
  '\n  query VersionDefinitions($name: String!, $a: Int!, $b: Int!) {\n    pipeline(name: $name) {\n      name\n      a: version(version: $a) {\n        id\n        version\n        definition\n      }\n      b: version(version: $b) {\n        id\n        version\n        definition\n      }\n    }\n  }\n':
    types.VersionDefinitionsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query SignInViewer {\n    viewer {\n      name\n      role\n      anonymous\n    }\n  }\n',
): (typeof documents)['\n  query SignInViewer {\n    viewer {\n      name\n      role\n      anonymous\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Viewer {\n    viewer {\n      name\n      role\n      anonymous\n    }\n    serverInfo {\n      version\n      store {\n        adapter\n        ok\n      }\n    }\n  }\n',
): (typeof documents)['\n  query Viewer {\n    viewer {\n      name\n      role\n      anonymous\n    }\n    serverInfo {\n      version\n      store {\n        adapter\n        ok\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  fragment PipelineDagGraph on PipelineDag {\n    nodes {\n      name\n      type\n      order\n      branch\n      condition\n      displayName\n      description\n    }\n    edges {\n      from\n      to\n      kind\n    }\n  }\n',
): (typeof documents)['\n  fragment PipelineDagGraph on PipelineDag {\n    nodes {\n      name\n      type\n      order\n      branch\n      condition\n      displayName\n      description\n    }\n    edges {\n      from\n      to\n      kind\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  subscription ExecutionsChanged($pipelineName: String) {\n    executionsChanged(pipelineName: $pipelineName) {\n      executionId\n      status\n      at\n    }\n  }\n',
): (typeof documents)['\n  subscription ExecutionsChanged($pipelineName: String) {\n    executionsChanged(pipelineName: $pipelineName) {\n      executionId\n      status\n      at\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation SetModelApprovalStatus($input: SetModelApprovalStatusInput!) {\n    setModelApprovalStatus(input: $input) {\n      errors {\n        code\n        message\n        path\n      }\n      modelPackage {\n        id\n        approvalStatus\n        approvals {\n          at\n          by\n          status\n          comment\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation SetModelApprovalStatus($input: SetModelApprovalStatusInput!) {\n    setModelApprovalStatus(input: $input) {\n      errors {\n        code\n        message\n        path\n      }\n      modelPackage {\n        id\n        approvalStatus\n        approvals {\n          at\n          by\n          status\n          comment\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Artifact($id: ID!) {\n    artifact(id: $id) {\n      id\n      name\n      type\n      digest\n      uri\n      size\n      createdAt\n      properties\n      producer {\n        id\n        stepName\n        executionId\n      }\n      previousVersion {\n        id\n        name\n        createdAt\n      }\n      modelPackages {\n        id\n        group\n        version\n        approvalStatus\n      }\n    }\n  }\n',
): (typeof documents)['\n  query Artifact($id: ID!) {\n    artifact(id: $id) {\n      id\n      name\n      type\n      digest\n      uri\n      size\n      createdAt\n      properties\n      producer {\n        id\n        stepName\n        executionId\n      }\n      previousVersion {\n        id\n        name\n        createdAt\n      }\n      modelPackages {\n        id\n        group\n        version\n        approvalStatus\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  fragment ArtifactRow on Artifact {\n    id\n    name\n    type\n    digest\n    uri\n    size\n    createdAt\n    producer {\n      id\n      stepName\n      executionId\n    }\n  }\n',
): (typeof documents)['\n  fragment ArtifactRow on Artifact {\n    id\n    name\n    type\n    digest\n    uri\n    size\n    createdAt\n    producer {\n      id\n      stepName\n      executionId\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Artifacts($filter: ArtifactFilter, $first: Int) {\n    artifacts(filter: $filter, first: $first) {\n      edges {\n        node {\n          ...ArtifactRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n',
): (typeof documents)['\n  query Artifacts($filter: ArtifactFilter, $first: Int) {\n    artifacts(filter: $filter, first: $first) {\n      edges {\n        node {\n          ...ArtifactRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query ArtifactSearch($text: String!, $types: [ArtifactType!], $first: Int) {\n    search(text: $text, types: $types, first: $first) {\n      edges {\n        node {\n          ...ArtifactRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n',
): (typeof documents)['\n  query ArtifactSearch($text: String!, $types: [ArtifactType!], $first: Int) {\n    search(text: $text, types: $types, first: $first) {\n      edges {\n        node {\n          ...ArtifactRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Compare($name: String!) {\n    pipeline(name: $name) {\n      name\n      executions(first: 100) {\n        edges {\n          node {\n            id\n            status\n            startedAt\n            durationMs\n            parameters\n            pipelineVersion {\n              version\n            }\n            steps {\n              stepName\n              status\n              startedAt\n              endedAt\n              properties\n            }\n          }\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query Compare($name: String!) {\n    pipeline(name: $name) {\n      name\n      executions(first: 100) {\n        edges {\n          node {\n            id\n            status\n            startedAt\n            durationMs\n            parameters\n            pipelineVersion {\n              version\n            }\n            steps {\n              stepName\n              status\n              startedAt\n              endedAt\n              properties\n            }\n          }\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Execution($id: ID!) {\n    execution(id: $id) {\n      id\n      status\n      startedAt\n      endedAt\n      durationMs\n      failureReason\n      parameters\n      createdBy\n      pipelineName\n      pipelineVersion {\n        id\n        version\n        dag {\n          ...PipelineDagGraph\n        }\n      }\n      steps {\n        ...StepPanelStep\n      }\n    }\n    viewer {\n      role\n    }\n  }\n',
): (typeof documents)['\n  query Execution($id: ID!) {\n    execution(id: $id) {\n      id\n      status\n      startedAt\n      endedAt\n      durationMs\n      failureReason\n      parameters\n      createdBy\n      pipelineName\n      pipelineVersion {\n        id\n        version\n        dag {\n          ...PipelineDagGraph\n        }\n      }\n      steps {\n        ...StepPanelStep\n      }\n    }\n    viewer {\n      role\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  subscription ExecutionEvents($id: ID!) {\n    executionEvents(executionId: $id) {\n      kind\n      at\n      stepName\n      stepStatus\n      executionStatus\n      message\n      stream\n      attempt\n      stepExecutionId\n      startedAt\n      endedAt\n      cacheHit\n      reusedStepExecution {\n        id\n        executionId\n        stepName\n      }\n      cacheMiss {\n        reason\n        message\n        differingFields\n        nearestStepExecution {\n          id\n          executionId\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  subscription ExecutionEvents($id: ID!) {\n    executionEvents(executionId: $id) {\n      kind\n      at\n      stepName\n      stepStatus\n      executionStatus\n      message\n      stream\n      attempt\n      stepExecutionId\n      startedAt\n      endedAt\n      cacheHit\n      reusedStepExecution {\n        id\n        executionId\n        stepName\n      }\n      cacheMiss {\n        reason\n        message\n        differingFields\n        nearestStepExecution {\n          id\n          executionId\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation StopExecution($id: ID!) {\n    stopExecution(id: $id) {\n      errors {\n        message\n      }\n      execution {\n        id\n        status\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation StopExecution($id: ID!) {\n    stopExecution(id: $id) {\n      errors {\n        message\n      }\n      execution {\n        id\n        status\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation RetryExecution($id: ID!) {\n    retryExecution(id: $id) {\n      errors {\n        message\n      }\n      execution {\n        id\n        status\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation RetryExecution($id: ID!) {\n    retryExecution(id: $id) {\n      errors {\n        message\n      }\n      execution {\n        id\n        status\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Impact($id: ID!) {\n    artifact(id: $id) {\n      id\n      name\n      type\n      digest\n      uri\n    }\n    impact(artifactId: $id) {\n      truncated\n      models {\n        id\n        name\n        digest\n        createdAt\n        producer {\n          id\n          executionId\n        }\n      }\n      modelPackages {\n        id\n        group\n        version\n        approvalStatus\n        createdAt\n        modelArtifact {\n          id\n          name\n        }\n      }\n      stepExecutions {\n        id\n      }\n    }\n  }\n',
): (typeof documents)['\n  query Impact($id: ID!) {\n    artifact(id: $id) {\n      id\n      name\n      type\n      digest\n      uri\n    }\n    impact(artifactId: $id) {\n      truncated\n      models {\n        id\n        name\n        digest\n        createdAt\n        producer {\n          id\n          executionId\n        }\n      }\n      modelPackages {\n        id\n        group\n        version\n        approvalStatus\n        createdAt\n        modelArtifact {\n          id\n          name\n        }\n      }\n      stepExecutions {\n        id\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  fragment LineageNodeFields on LineageNode {\n    id\n    type\n    label\n    depth\n    status\n    artifactType\n    stepType\n    approvalStatus\n    contextType\n    digest\n    uri\n    createdAt\n    executionId\n    pipelineName\n    version\n  }\n',
): (typeof documents)['\n  fragment LineageNodeFields on LineageNode {\n    id\n    type\n    label\n    depth\n    status\n    artifactType\n    stepType\n    approvalStatus\n    contextType\n    digest\n    uri\n    createdAt\n    executionId\n    pipelineName\n    version\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query LineageNodeTarget($packageId: ID!) {\n    modelPackage(id: $packageId) {\n      id\n      modelArtifact {\n        id\n      }\n    }\n  }\n',
): (typeof documents)['\n  query LineageNodeTarget($packageId: ID!) {\n    modelPackage(id: $packageId) {\n      id\n      modelArtifact {\n        id\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Lineage(\n    $ids: [ID!]!\n    $direction: LineageDirection\n    $depth: Int\n    $nodeTypes: [LineageNodeType!]\n    $artifactTypes: [ArtifactType!]\n    $limit: Int\n  ) {\n    lineage(\n      startIds: $ids\n      direction: $direction\n      maxDepth: $depth\n      nodeTypes: $nodeTypes\n      artifactTypes: $artifactTypes\n      nodeLimit: $limit\n    ) {\n      truncated\n      nodes {\n        ...LineageNodeFields\n      }\n      edges {\n        from\n        to\n        type\n      }\n    }\n  }\n',
): (typeof documents)['\n  query Lineage(\n    $ids: [ID!]!\n    $direction: LineageDirection\n    $depth: Int\n    $nodeTypes: [LineageNodeType!]\n    $artifactTypes: [ArtifactType!]\n    $limit: Int\n  ) {\n    lineage(\n      startIds: $ids\n      direction: $direction\n      maxDepth: $depth\n      nodeTypes: $nodeTypes\n      artifactTypes: $artifactTypes\n      nodeLimit: $limit\n    ) {\n      truncated\n      nodes {\n        ...LineageNodeFields\n      }\n      edges {\n        from\n        to\n        type\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query LineagePaths($from: ID!, $to: ID!) {\n    forward: lineagePaths(from: $from, to: $to, limit: 20) {\n      truncated\n      paths {\n        nodeIds\n      }\n    }\n    backward: lineagePaths(from: $to, to: $from, limit: 20) {\n      truncated\n      paths {\n        nodeIds\n      }\n    }\n  }\n',
): (typeof documents)['\n  query LineagePaths($from: ID!, $to: ID!) {\n    forward: lineagePaths(from: $from, to: $to, limit: 20) {\n      truncated\n      paths {\n        nodeIds\n      }\n    }\n    backward: lineagePaths(from: $to, to: $from, limit: 20) {\n      truncated\n      paths {\n        nodeIds\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Model($id: ID!) {\n    artifact(id: $id) {\n      id\n      name\n      type\n      digest\n      uri\n      size\n      createdAt\n      producer {\n        id\n        stepName\n        executionId\n      }\n      modelPackages {\n        id\n        group\n        version\n        description\n        approvalStatus\n        createdAt\n        metrics\n        approvals {\n          at\n          by\n          status\n          comment\n        }\n      }\n    }\n    provenance(modelId: $id) {\n      truncated\n      datasets {\n        depth\n        artifact {\n          id\n          name\n          digest\n          uri\n          producer {\n            id\n          }\n        }\n      }\n      code {\n        id\n        name\n        digest\n        uri\n      }\n      executions {\n        id\n        status\n        pipelineName\n        startedAt\n        parameters\n        pipelineVersion {\n          version\n          definitionHash\n        }\n      }\n      stepExecutions {\n        id\n        stepName\n        stepType\n        status\n        executionId\n        cacheHit\n      }\n      openLineageRuns {\n        id\n        job {\n          namespace\n          name\n        }\n        status\n        startedAt\n        outputs {\n          id\n        }\n      }\n    }\n    viewer {\n      role\n    }\n  }\n',
): (typeof documents)['\n  query Model($id: ID!) {\n    artifact(id: $id) {\n      id\n      name\n      type\n      digest\n      uri\n      size\n      createdAt\n      producer {\n        id\n        stepName\n        executionId\n      }\n      modelPackages {\n        id\n        group\n        version\n        description\n        approvalStatus\n        createdAt\n        metrics\n        approvals {\n          at\n          by\n          status\n          comment\n        }\n      }\n    }\n    provenance(modelId: $id) {\n      truncated\n      datasets {\n        depth\n        artifact {\n          id\n          name\n          digest\n          uri\n          producer {\n            id\n          }\n        }\n      }\n      code {\n        id\n        name\n        digest\n        uri\n      }\n      executions {\n        id\n        status\n        pipelineName\n        startedAt\n        parameters\n        pipelineVersion {\n          version\n          definitionHash\n        }\n      }\n      stepExecutions {\n        id\n        stepName\n        stepType\n        status\n        executionId\n        cacheHit\n      }\n      openLineageRuns {\n        id\n        job {\n          namespace\n          name\n        }\n        status\n        startedAt\n        outputs {\n          id\n        }\n      }\n    }\n    viewer {\n      role\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query ModelPackages($statuses: [ApprovalStatus!], $group: String) {\n    modelPackages(approvalStatuses: $statuses, group: $group, first: 100) {\n      edges {\n        node {\n          id\n          group\n          version\n          approvalStatus\n          createdAt\n          metrics\n          modelArtifact {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query ModelPackages($statuses: [ApprovalStatus!], $group: String) {\n    modelPackages(approvalStatuses: $statuses, group: $group, first: 100) {\n      edges {\n        node {\n          id\n          group\n          version\n          approvalStatus\n          createdAt\n          metrics\n          modelArtifact {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query OpenLineageRunDetails($runId: ID!) {\n    openLineageRun(runId: $runId) {\n      id\n      runId\n      state\n      startedAt\n      endedAt\n      facets\n      producers\n      eventCount\n      job {\n        namespace\n        name\n        facets\n      }\n      datasetFacets {\n        direction\n        artifact {\n          id\n          name\n        }\n        facets\n      }\n      parent {\n        id\n        runId\n        state\n        job {\n          namespace\n          name\n        }\n      }\n      children {\n        id\n        runId\n        state\n        job {\n          namespace\n          name\n        }\n      }\n      events(first: 20) {\n        edges {\n          node {\n            eventDigest\n            eventType\n            eventTime\n            producer\n            event\n          }\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query OpenLineageRunDetails($runId: ID!) {\n    openLineageRun(runId: $runId) {\n      id\n      runId\n      state\n      startedAt\n      endedAt\n      facets\n      producers\n      eventCount\n      job {\n        namespace\n        name\n        facets\n      }\n      datasetFacets {\n        direction\n        artifact {\n          id\n          name\n        }\n        facets\n      }\n      parent {\n        id\n        runId\n        state\n        job {\n          namespace\n          name\n        }\n      }\n      children {\n        id\n        runId\n        state\n        job {\n          namespace\n          name\n        }\n      }\n      events(first: 20) {\n        edges {\n          node {\n            eventDigest\n            eventType\n            eventTime\n            producer\n            event\n          }\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query OpenLineageDatasetDetails($namespace: String!, $name: String!) {\n    openLineageDataset(namespace: $namespace, name: $name) {\n      namespace\n      name\n      facets\n      versions {\n        id\n      }\n    }\n  }\n',
): (typeof documents)['\n  query OpenLineageDatasetDetails($namespace: String!, $name: String!) {\n    openLineageDataset(namespace: $namespace, name: $name) {\n      namespace\n      name\n      facets\n      versions {\n        id\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query PipelineStats($name: String!, $since: DateTime) {\n    executionStats(pipelineName: $name, since: $since) {\n      total\n      truncated\n      byStatus {\n        status\n        count\n      }\n      p50DurationMs\n      p95DurationMs\n      cacheLookups\n      cacheHits\n      cacheHitRatio\n    }\n  }\n',
): (typeof documents)['\n  query PipelineStats($name: String!, $since: DateTime) {\n    executionStats(pipelineName: $name, since: $since) {\n      total\n      truncated\n      byStatus {\n        status\n        count\n      }\n      p50DurationMs\n      p95DurationMs\n      cacheLookups\n      cacheHits\n      cacheHitRatio\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Pipeline($name: String!, $version: Int, $statuses: [ExecutionStatus!]) {\n    pipeline(name: $name) {\n      name\n      description\n      latestVersion\n      createdAt\n      version(version: $version) {\n        id\n        version\n        definitionHash\n        createdAt\n        dag {\n          ...PipelineDagGraph\n        }\n        parameters {\n          ...StartExecutionParams\n        }\n      }\n      versions(first: 100) {\n        edges {\n          node {\n            id\n            version\n            createdAt\n            definitionHash\n          }\n        }\n      }\n      executions(first: 50, statuses: $statuses) {\n        edges {\n          node {\n            id\n            status\n            startedAt\n            durationMs\n            createdBy\n            pipelineVersion {\n              version\n            }\n          }\n        }\n      }\n    }\n    viewer {\n      role\n    }\n  }\n',
): (typeof documents)['\n  query Pipeline($name: String!, $version: Int, $statuses: [ExecutionStatus!]) {\n    pipeline(name: $name) {\n      name\n      description\n      latestVersion\n      createdAt\n      version(version: $version) {\n        id\n        version\n        definitionHash\n        createdAt\n        dag {\n          ...PipelineDagGraph\n        }\n        parameters {\n          ...StartExecutionParams\n        }\n      }\n      versions(first: 100) {\n        edges {\n          node {\n            id\n            version\n            createdAt\n            definitionHash\n          }\n        }\n      }\n      executions(first: 50, statuses: $statuses) {\n        edges {\n          node {\n            id\n            status\n            startedAt\n            durationMs\n            createdBy\n            pipelineVersion {\n              version\n            }\n          }\n        }\n      }\n    }\n    viewer {\n      role\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Pipelines($search: String) {\n    pipelines(search: $search, first: 100) {\n      edges {\n        node {\n          name\n          description\n          latestVersion\n          createdAt\n          executions(first: 1) {\n            edges {\n              node {\n                id\n                status\n                startedAt\n                durationMs\n              }\n            }\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n',
): (typeof documents)['\n  query Pipelines($search: String) {\n    pipelines(search: $search, first: 100) {\n      edges {\n        node {\n          name\n          description\n          latestVersion\n          createdAt\n          executions(first: 1) {\n            edges {\n              node {\n                id\n                status\n                startedAt\n                durationMs\n              }\n            }\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  fragment StartExecutionParams on PipelineParameter {\n    name\n    type\n    default\n    enum\n    description\n  }\n',
): (typeof documents)['\n  fragment StartExecutionParams on PipelineParameter {\n    name\n    type\n    default\n    enum\n    description\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation StartExecution($input: StartExecutionInput!) {\n    startExecution(input: $input) {\n      errors {\n        code\n        message\n        path\n      }\n      execution {\n        id\n        status\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation StartExecution($input: StartExecutionInput!) {\n    startExecution(input: $input) {\n      errors {\n        code\n        message\n        path\n      }\n      execution {\n        id\n        status\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query StepLogs($id: ID!) {\n    stepExecution(id: $id) {\n      id\n      logs(last: 200) {\n        at\n        message\n        stream\n      }\n    }\n  }\n',
): (typeof documents)['\n  query StepLogs($id: ID!) {\n    stepExecution(id: $id) {\n      id\n      logs(last: 200) {\n        at\n        message\n        stream\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  fragment StepPanelStep on StepExecution {\n    id\n    stepName\n    stepType\n    status\n    attempt\n    startedAt\n    endedAt\n    failureReason\n    cacheHit\n    cacheKey\n    cacheMiss {\n      reason\n      message\n      differingFields\n      nearestStepExecution {\n        id\n        executionId\n      }\n    }\n    reusedStepExecution {\n      id\n      executionId\n      stepName\n    }\n    attempts {\n      attempt\n      status\n      startedAt\n      endedAt\n      exitCode\n      failureKind\n      failureReason\n    }\n    inputs {\n      name\n      artifact {\n        id\n        name\n        type\n        digest\n      }\n    }\n    outputs {\n      name\n      artifact {\n        id\n        name\n        type\n        digest\n      }\n    }\n    properties\n  }\n',
): (typeof documents)['\n  fragment StepPanelStep on StepExecution {\n    id\n    stepName\n    stepType\n    status\n    attempt\n    startedAt\n    endedAt\n    failureReason\n    cacheHit\n    cacheKey\n    cacheMiss {\n      reason\n      message\n      differingFields\n      nearestStepExecution {\n        id\n        executionId\n      }\n    }\n    reusedStepExecution {\n      id\n      executionId\n      stepName\n    }\n    attempts {\n      attempt\n      status\n      startedAt\n      endedAt\n      exitCode\n      failureKind\n      failureReason\n    }\n    inputs {\n      name\n      artifact {\n        id\n        name\n        type\n        digest\n      }\n    }\n    outputs {\n      name\n      artifact {\n        id\n        name\n        type\n        digest\n      }\n    }\n    properties\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query VersionDefinitions($name: String!, $a: Int!, $b: Int!) {\n    pipeline(name: $name) {\n      name\n      a: version(version: $a) {\n        id\n        version\n        definition\n      }\n      b: version(version: $b) {\n        id\n        version\n        definition\n      }\n    }\n  }\n',
): (typeof documents)['\n  query VersionDefinitions($name: String!, $a: Int!, $b: Int!) {\n    pipeline(name: $name) {\n      name\n      a: version(version: $a) {\n        id\n        version\n        definition\n      }\n      b: version(version: $b) {\n        id\n        version\n        definition\n      }\n    }\n  }\n'];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> =
  TDocumentNode extends DocumentNode<infer TType, any> ? TType : never;

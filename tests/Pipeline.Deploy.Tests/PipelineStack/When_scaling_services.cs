namespace Pipeline.Deploy.Tests.PipelineStack;

[Collection(SynthesizedPipelineCollection.Name)]
public sealed class When_scaling_services(SynthesizedPipeline stack)
{
    [Fact]
    public void Every_worker_tracks_its_queues_visible_messages_per_running_task()
    {
        var workers = PipelineServices.All.Where(s => s != PipelineServices.Coordinator).ToList();
        Assert.Equal(5, workers.Count);

        foreach (var worker in workers)
        {
            var service = stack.Service(worker.Queue).Id;
            var target = stack.Resources("AWS::ApplicationAutoScaling::ScalableTarget")
                .Single(t => Json.Text(t.Properties.GetProperty("ResourceId")).Contains($"\"{service}\"", StringComparison.Ordinal));
            Assert.Equal("WorkerMinTasks", Json.Ref(target.Properties.GetProperty("MinCapacity")));
            Assert.Equal("WorkerMaxTasks", Json.Ref(target.Properties.GetProperty("MaxCapacity")));

            var policy = stack.Resources("AWS::ApplicationAutoScaling::ScalingPolicy")
                .Single(p => Json.Ref(p.Properties.GetProperty("ScalingTargetId")) == target.Id).Properties;
            Assert.Equal("TargetTrackingScaling", policy.GetProperty("PolicyType").GetString());
            var tracking = policy.GetProperty("TargetTrackingScalingPolicyConfiguration");
            Assert.Equal(worker.BacklogPerTask, tracking.GetProperty("TargetValue").GetInt32());

            var metrics = tracking.GetProperty("CustomizedMetricSpecification").GetProperty("Metrics").EnumerateArray().ToList();
            var visible = metrics.Single(m => m.TryGetProperty("MetricStat", out var s) && s.GetProperty("Metric").GetProperty("MetricName").GetString() == "ApproximateNumberOfMessagesVisible");
            Assert.Contains($"\"{stack.Settings.Scope}_{worker.Queue}\"", Json.Text(visible), StringComparison.Ordinal);
            var inflight = metrics.Single(m => m.TryGetProperty("MetricStat", out var s) && s.GetProperty("Metric").GetProperty("MetricName").GetString() == "ApproximateNumberOfMessagesNotVisible");
            Assert.Contains($"\"{stack.Settings.Scope}_{worker.Queue}\"", Json.Text(inflight), StringComparison.Ordinal);
            var tasks = metrics.Single(m => m.TryGetProperty("MetricStat", out var s) && s.GetProperty("Metric").GetProperty("MetricName").GetString() == "RunningTaskCount");
            Assert.Equal("ECS/ContainerInsights", tasks.GetProperty("MetricStat").GetProperty("Metric").GetProperty("Namespace").GetString());
            Assert.Contains($"\"{service}\"", Json.Text(tasks), StringComparison.Ordinal);

            var returned = Assert.Single(metrics, m => m.GetProperty("ReturnData").GetBoolean());
            var visibleId = visible.GetProperty("Id").GetString();
            var tasksId = tasks.GetProperty("Id").GetString();
            // Waiting and in-flight together: two busy tasks over an empty queue still have work.
            Assert.Contains($"({visibleId} + {inflight.GetProperty("Id").GetString()}) / {tasksId}", returned.GetProperty("Expression").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_coordinator_runs_a_fixed_two_tasks_and_is_not_scaled()
    {
        var (id, coordinator) = stack.Service(PipelineServices.Coordinator.Queue);

        Assert.Equal(2, coordinator.GetProperty("DesiredCount").GetInt32());
        Assert.DoesNotContain(stack.Resources("AWS::ApplicationAutoScaling::ScalableTarget"),
            t => Json.Text(t.Properties.GetProperty("ResourceId")).Contains($"\"{id}\"", StringComparison.Ordinal));
    }

    [Fact]
    public void The_cluster_reports_running_tasks_through_container_insights()
    {
        var cluster = Assert.Single(stack.Resources("AWS::ECS::Cluster")).Properties;

        Assert.Contains(cluster.GetProperty("ClusterSettings").EnumerateArray(),
            s => s.GetProperty("Name").GetString() == "containerInsights" && s.GetProperty("Value").GetString() == "enabled");
    }
}

resource "google_monitoring_alert_policy" "checkout_api_http_5xx_ratio" {
  project               = var.project_id
  display_name          = "cloudrun service 5xx failure rate: checkout-api"
  combiner              = "OR"
  severity              = "WARNING"
  notification_channels = var.notification_channels

  user_labels = {
    service         = "checkout-api"
    meridian_policy = "http-5xx-ratio"
  }

  documentation {
    content   = "The share of requests answered 5xx, above the threshold for 2 minutes. Defined in Meridian (lib/alerts/policies.ts)."
    mime_type = "text/markdown"
  }

  alert_strategy {
    auto_close = "3600s"
  }

  conditions {
    display_name = "cloudrun service 5xx failure rate: checkout-api, per region"

    condition_threshold {
      filter          = "metric.type=\"run.googleapis.com/request_count\" AND resource.type=\"cloud_run_revision\" AND resource.label.service_name=\"checkout-api\" AND metric.label.response_code_class=\"5xx\""
      comparison      = "COMPARISON_GT"
      threshold_value = 0.2
      duration        = "120s"

      aggregations {
        alignment_period     = "60s"
        per_series_aligner   = "ALIGN_RATE"
        cross_series_reducer = "REDUCE_SUM"
        group_by_fields      = ["resource.label.location"]
      }

      denominator_filter = "metric.type=\"run.googleapis.com/request_count\" AND resource.type=\"cloud_run_revision\" AND resource.label.service_name=\"checkout-api\""

      denominator_aggregations {
        alignment_period     = "60s"
        per_series_aligner   = "ALIGN_RATE"
        cross_series_reducer = "REDUCE_SUM"
        group_by_fields      = ["resource.label.location"]
      }

      trigger {
        count = 1
      }
    }
  }

  conditions {
    display_name = "cloudrun service 5xx failure rate: checkout-api, all regions"

    condition_threshold {
      filter          = "metric.type=\"run.googleapis.com/request_count\" AND resource.type=\"cloud_run_revision\" AND resource.label.service_name=\"checkout-api\" AND metric.label.response_code_class=\"5xx\""
      comparison      = "COMPARISON_GT"
      threshold_value = 0.2
      duration        = "120s"

      aggregations {
        alignment_period     = "60s"
        per_series_aligner   = "ALIGN_RATE"
        cross_series_reducer = "REDUCE_SUM"
        group_by_fields      = []
      }

      denominator_filter = "metric.type=\"run.googleapis.com/request_count\" AND resource.type=\"cloud_run_revision\" AND resource.label.service_name=\"checkout-api\""

      denominator_aggregations {
        alignment_period     = "60s"
        per_series_aligner   = "ALIGN_RATE"
        cross_series_reducer = "REDUCE_SUM"
        group_by_fields      = []
      }

      trigger {
        count = 1
      }
    }
  }
}

resource "google_monitoring_alert_policy" "checkout_api_http_error_rate" {
  project               = var.project_id
  display_name          = "http error rate: checkout-api"
  combiner              = "OR"
  severity              = "WARNING"
  notification_channels = var.notification_channels

  user_labels = {
    service         = "checkout-api"
    meridian_policy = "http-error-rate"
  }

  documentation {
    content   = "The share of requests answered 4xx or 5xx, above the threshold for 5 minutes. Defined in Meridian (lib/alerts/policies.ts)."
    mime_type = "text/markdown"
  }

  alert_strategy {
    auto_close = "3600s"
  }

  conditions {
    display_name = "http error rate: checkout-api, per region"

    condition_threshold {
      filter          = "metric.type=\"run.googleapis.com/request_count\" AND resource.type=\"cloud_run_revision\" AND resource.label.service_name=\"checkout-api\" AND metric.label.response_code_class=monitoring.regex.full_match(\"4xx|5xx\")"
      comparison      = "COMPARISON_GT"
      threshold_value = 0.25
      duration        = "300s"

      aggregations {
        alignment_period     = "60s"
        per_series_aligner   = "ALIGN_RATE"
        cross_series_reducer = "REDUCE_SUM"
        group_by_fields      = ["resource.label.location"]
      }

      denominator_filter = "metric.type=\"run.googleapis.com/request_count\" AND resource.type=\"cloud_run_revision\" AND resource.label.service_name=\"checkout-api\""

      denominator_aggregations {
        alignment_period     = "60s"
        per_series_aligner   = "ALIGN_RATE"
        cross_series_reducer = "REDUCE_SUM"
        group_by_fields      = ["resource.label.location"]
      }

      trigger {
        count = 1
      }
    }
  }

  conditions {
    display_name = "http error rate: checkout-api, all regions"

    condition_threshold {
      filter          = "metric.type=\"run.googleapis.com/request_count\" AND resource.type=\"cloud_run_revision\" AND resource.label.service_name=\"checkout-api\" AND metric.label.response_code_class=monitoring.regex.full_match(\"4xx|5xx\")"
      comparison      = "COMPARISON_GT"
      threshold_value = 0.25
      duration        = "300s"

      aggregations {
        alignment_period     = "60s"
        per_series_aligner   = "ALIGN_RATE"
        cross_series_reducer = "REDUCE_SUM"
        group_by_fields      = []
      }

      denominator_filter = "metric.type=\"run.googleapis.com/request_count\" AND resource.type=\"cloud_run_revision\" AND resource.label.service_name=\"checkout-api\""

      denominator_aggregations {
        alignment_period     = "60s"
        per_series_aligner   = "ALIGN_RATE"
        cross_series_reducer = "REDUCE_SUM"
        group_by_fields      = []
      }

      trigger {
        count = 1
      }
    }
  }
}

resource "google_monitoring_alert_policy" "checkout_api_latency_p99" {
  project               = var.project_id
  display_name          = "p99 request latency: checkout-api"
  combiner              = "OR"
  severity              = "WARNING"
  notification_channels = var.notification_channels

  user_labels = {
    service         = "checkout-api"
    meridian_policy = "latency-p99"
  }

  documentation {
    content   = "The 99th percentile of request latency, above the service's threshold for 5 minutes. Defined in Meridian (lib/alerts/policies.ts)."
    mime_type = "text/markdown"
  }

  alert_strategy {
    auto_close = "3600s"
  }

  conditions {
    display_name = "p99 request latency: checkout-api, per region"

    condition_threshold {
      filter          = "metric.type=\"run.googleapis.com/request_latencies\" AND resource.type=\"cloud_run_revision\" AND resource.label.service_name=\"checkout-api\""
      comparison      = "COMPARISON_GT"
      threshold_value = 1000
      duration        = "300s"

      aggregations {
        alignment_period     = "60s"
        per_series_aligner   = "ALIGN_DELTA"
        cross_series_reducer = "REDUCE_PERCENTILE_99"
        group_by_fields      = ["resource.label.location"]
      }

      trigger {
        count = 1
      }
    }
  }

  conditions {
    display_name = "p99 request latency: checkout-api, all regions"

    condition_threshold {
      filter          = "metric.type=\"run.googleapis.com/request_latencies\" AND resource.type=\"cloud_run_revision\" AND resource.label.service_name=\"checkout-api\""
      comparison      = "COMPARISON_GT"
      threshold_value = 1000
      duration        = "300s"

      aggregations {
        alignment_period     = "60s"
        per_series_aligner   = "ALIGN_DELTA"
        cross_series_reducer = "REDUCE_PERCENTILE_99"
        group_by_fields      = []
      }

      trigger {
        count = 1
      }
    }
  }
}

resource "google_monitoring_alert_policy" "checkout_api_slo_burn_fast" {
  project               = var.project_id
  display_name          = "checkout-api - Multi-region SLO burn rate (1h/5m)"
  combiner              = "AND_WITH_MATCHING_RESOURCE"
  severity              = "ERROR"
  notification_channels = var.notification_channels

  user_labels = {
    service         = "checkout-api"
    meridian_policy = "slo-burn-fast"
  }

  documentation {
    content   = "Availability goal 99.9% (5xx are bad): fires when the error budget burns faster than the threshold over both the last 1h and the last 5m. Defined in Meridian (lib/alerts/policies.ts)."
    mime_type = "text/markdown"
  }

  alert_strategy {
    auto_close = "604800s"
  }

  conditions {
    display_name = "Error ratio over 3600s above 14.4x the budget, per region"

    condition_threshold {
      filter          = "metric.type=\"run.googleapis.com/request_count\" AND resource.type=\"cloud_run_revision\" AND resource.label.service_name=\"checkout-api\" AND metric.label.response_code_class=\"5xx\""
      comparison      = "COMPARISON_GT"
      threshold_value = 0.0144
      duration        = "0s"

      aggregations {
        alignment_period     = "3600s"
        per_series_aligner   = "ALIGN_RATE"
        cross_series_reducer = "REDUCE_SUM"
        group_by_fields      = ["resource.label.location"]
      }

      denominator_filter = "metric.type=\"run.googleapis.com/request_count\" AND resource.type=\"cloud_run_revision\" AND resource.label.service_name=\"checkout-api\""

      denominator_aggregations {
        alignment_period     = "3600s"
        per_series_aligner   = "ALIGN_RATE"
        cross_series_reducer = "REDUCE_SUM"
        group_by_fields      = ["resource.label.location"]
      }

      trigger {
        count = 1
      }
    }
  }

  conditions {
    display_name = "Error ratio over 300s above 14.4x the budget, per region"

    condition_threshold {
      filter          = "metric.type=\"run.googleapis.com/request_count\" AND resource.type=\"cloud_run_revision\" AND resource.label.service_name=\"checkout-api\" AND metric.label.response_code_class=\"5xx\""
      comparison      = "COMPARISON_GT"
      threshold_value = 0.0144
      duration        = "0s"

      aggregations {
        alignment_period     = "300s"
        per_series_aligner   = "ALIGN_RATE"
        cross_series_reducer = "REDUCE_SUM"
        group_by_fields      = ["resource.label.location"]
      }

      denominator_filter = "metric.type=\"run.googleapis.com/request_count\" AND resource.type=\"cloud_run_revision\" AND resource.label.service_name=\"checkout-api\""

      denominator_aggregations {
        alignment_period     = "300s"
        per_series_aligner   = "ALIGN_RATE"
        cross_series_reducer = "REDUCE_SUM"
        group_by_fields      = ["resource.label.location"]
      }

      trigger {
        count = 1
      }
    }
  }
}

resource "google_monitoring_alert_policy" "checkout_api_slo_burn_slow" {
  project               = var.project_id
  display_name          = "checkout-api - Multi-region SLO burn rate (6h/30m)"
  combiner              = "AND_WITH_MATCHING_RESOURCE"
  severity              = "WARNING"
  notification_channels = var.notification_channels

  user_labels = {
    service         = "checkout-api"
    meridian_policy = "slo-burn-slow"
  }

  documentation {
    content   = "Availability goal 99.9% (5xx are bad): fires when the error budget burns faster than the threshold over both the last 6h and the last 30m. Defined in Meridian (lib/alerts/policies.ts)."
    mime_type = "text/markdown"
  }

  alert_strategy {
    auto_close = "604800s"
  }

  conditions {
    display_name = "Error ratio over 21600s above 6x the budget, per region"

    condition_threshold {
      filter          = "metric.type=\"run.googleapis.com/request_count\" AND resource.type=\"cloud_run_revision\" AND resource.label.service_name=\"checkout-api\" AND metric.label.response_code_class=\"5xx\""
      comparison      = "COMPARISON_GT"
      threshold_value = 0.006
      duration        = "0s"

      aggregations {
        alignment_period     = "21600s"
        per_series_aligner   = "ALIGN_RATE"
        cross_series_reducer = "REDUCE_SUM"
        group_by_fields      = ["resource.label.location"]
      }

      denominator_filter = "metric.type=\"run.googleapis.com/request_count\" AND resource.type=\"cloud_run_revision\" AND resource.label.service_name=\"checkout-api\""

      denominator_aggregations {
        alignment_period     = "21600s"
        per_series_aligner   = "ALIGN_RATE"
        cross_series_reducer = "REDUCE_SUM"
        group_by_fields      = ["resource.label.location"]
      }

      trigger {
        count = 1
      }
    }
  }

  conditions {
    display_name = "Error ratio over 1800s above 6x the budget, per region"

    condition_threshold {
      filter          = "metric.type=\"run.googleapis.com/request_count\" AND resource.type=\"cloud_run_revision\" AND resource.label.service_name=\"checkout-api\" AND metric.label.response_code_class=\"5xx\""
      comparison      = "COMPARISON_GT"
      threshold_value = 0.006
      duration        = "0s"

      aggregations {
        alignment_period     = "1800s"
        per_series_aligner   = "ALIGN_RATE"
        cross_series_reducer = "REDUCE_SUM"
        group_by_fields      = ["resource.label.location"]
      }

      denominator_filter = "metric.type=\"run.googleapis.com/request_count\" AND resource.type=\"cloud_run_revision\" AND resource.label.service_name=\"checkout-api\""

      denominator_aggregations {
        alignment_period     = "1800s"
        per_series_aligner   = "ALIGN_RATE"
        cross_series_reducer = "REDUCE_SUM"
        group_by_fields      = ["resource.label.location"]
      }

      trigger {
        count = 1
      }
    }
  }
}

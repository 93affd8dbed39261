# Reference values for test/validation-in-sample.test.ts: the ridge Cox model of
# `truce validate` fitted in-sample to every spell of data/ceasefires.csv, and its
# Brier and log scores at 30, 90 and 365 days, from R's survival package (3.x).
# The coding of the covariates is written here from data/README.md's column
# definitions, independently of src/core/calibration/scores.ts. Durations are
# not capped (truce's scores read the raw duration; no horizon reaches 1,825
# days), the baseline is Breslow's (survfit ctype = 1), the penalty (theta / 2)
# sum beta^2 with theta = 1 on unscaled covariates.
# Run from the repository root: Rscript test/r/validation-cox.R
# The test does not need R; it holds the numbers this script printed.
suppressMessages(library(survival))
options(digits = 12)
d <- read.csv("data/ceasefires.csv", stringsAsFactors = FALSE)
lvl <- function(x) ifelse(x %in% c("yes", "high"), 1, ifelse(x %in% c("partial", "medium"), 0.5, 0))
d$interstate <- as.numeric(d$arena == "interstate")
d$written <- lvl(d$written_agreement)
d$monitoring <- lvl(d$third_party_monitoring)
d$buffer <- lvl(d$dmz_or_buffer)
d$spec <- lvl(d$specificity)
d$guar <- lvl(d$third_party_guarantee)
d$face <- lvl(d$face_saving)
d$med <- as.numeric(!grepl("^none\\b", d$mediator, ignore.case = TRUE))
# A fixed term of 30 days or less, or a humanitarian pause (data/README.md, fixed_term).
term <- function(s) {
  m <- regmatches(s, regexec("^([0-9]+) (hour|day|week|month|year)s?", s))[[1]]
  if (length(m) == 0) return(NA)
  as.numeric(m[2]) * c(hour = 1 / 24, day = 1, week = 7, month = 30, year = 365)[m[3]]
}
d$short <- as.numeric(grepl("^humanitarian", d$fixed_term) | sapply(d$fixed_term, function(s) {
  t <- term(s)
  !is.na(t) && t <= 30
}))
d$t <- d$duration_days
d$ev <- as.numeric(d$status == "collapsed")
cat("short pauses", sum(d$short), "\n")
fit <- coxph(Surv(t, ev) ~ ridge(interstate, written, monitoring, buffer, spec, guar, face, med, short,
  theta = 1, scale = FALSE), data = d, ties = "efron")
cat("beta", coef(fit), "\n")
sf <- survfit(fit, newdata = d, ctype = 1)
for (h in c(30, 90, 365)) {
  p <- 1 - as.numeric(summary(sf, times = h, extend = TRUE)$surv)
  y <- ifelse(d$ev == 1 & d$t <= h, 1, ifelse(d$t >= h, 0, NA))
  ok <- !is.na(y)
  q <- pmin(pmax(p, 0.001), 0.999)
  cat("horizon", h, "n", sum(ok), "brier", mean((p[ok] - y[ok])^2), "log", mean(log(ifelse(y[ok] == 1, q[ok], 1 - q[ok]))), "\n")
}

# Reference values for test/proportional-hazards.test.ts, from R's survival
# package (3.x): the Grambsch-Therneau test of cox.zph (transform = "km", the
# default), hazard ratios over windows of days, and the restricted mean
# survival time. Run: Rscript test/r/proportional-hazards.R
# The test does not need R; it holds the numbers this script printed.
suppressMessages(library(survival))
options(digits = 12)

# Two arms, daily times, ties, censoring at the horizon (60) and a few before it.
# Arm b's hazard is high early and low late: not proportional on purpose.
a_event <- c(2, 3, 5, 5, 8, 9, 12, 14, 15, 15, 18, 20, 22, 25, 27, 30, 30, 33, 35, 38,
             40, 42, 45, 47, 50, 52, 55, 58)
a_cens <- c(20, rep(60, 11))
b_event <- c(1, 1, 2, 2, 2, 3, 4, 5, 5, 6, 7, 8, 9, 10, 10, 14, 25, 40, 55)
b_cens <- c(30, rep(60, 20))
df <- data.frame(
  time = c(a_event, a_cens, b_event, b_cens),
  collapsed = c(rep(1, length(a_event)), rep(0, length(a_cens)), rep(1, length(b_event)), rep(0, length(b_cens))),
  arm = factor(c(rep("a", length(a_event) + length(a_cens)), rep("b", length(b_event) + length(b_cens))))
)

fit <- coxph(Surv(time, collapsed) ~ arm, data = df, ties = "efron")
ci <- exp(confint(fit))
cat("hr", exp(coef(fit)), ci[1], ci[2], "\n")
for (tr in c("km", "identity", "rank", "log")) {
  z <- cox.zph(fit, transform = tr)
  cat("zph", tr, z$table["arm", "chisq"], z$table["arm", "p"], "\n")
}

# Windows of days [from, to]: the runs at risk on day `from`, censored at `to`.
window <- function(from, to) {
  w <- subset(df, time >= from)
  w$collapsed <- ifelse(w$time <= to, w$collapsed, 0)
  w$time <- pmin(w$time, to)
  f <- coxph(Surv(time, collapsed) ~ arm, data = w, ties = "efron")
  ci <- exp(confint(f))
  cat("window", from, to, exp(coef(f)), ci[1], ci[2], "\n")
}
window(1, 10)
window(11, 30)
window(31, 60)

# Restricted mean survival to day 60 and to day 40 (area under Kaplan-Meier).
km <- survfit(Surv(time, collapsed) ~ arm, data = df)
for (tau in c(60, 40)) {
  s <- summary(km, rmean = tau)$table
  cat("rmean", tau, s[, "rmean"], "\n")
}

# The Freireich 6-MP data (docs/test-vectors.md), placebo vs 6-MP.
t6 <- c(6, 6, 6, 6, 7, 9, 10, 10, 11, 13, 16, 17, 19, 20, 22, 23, 25, 32, 32, 34, 35)
e6 <- c(1, 1, 1, 0, 1, 0, 1, 0, 0, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0)
tp <- c(1, 1, 2, 2, 3, 4, 4, 5, 5, 8, 8, 8, 8, 11, 11, 12, 12, 15, 17, 22, 23)
fr <- data.frame(time = c(t6, tp), status = c(e6, rep(1, 21)), group = c(rep(0, 21), rep(1, 21)))
ffit <- coxph(Surv(time, status) ~ group, data = fr, ties = "efron")
fz <- cox.zph(ffit)
cat("freireich zph", fz$table["group", "chisq"], fz$table["group", "p"], "\n")
cat("freireich rmean 6-MP to day 23", summary(survfit(Surv(t6, e6) ~ 1), rmean = 23)$table["rmean"], "\n")

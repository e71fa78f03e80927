# Writes public R data sets shipped by Debian packages as plain CSV files (no row names), one per table.
# Usage: Rscript export.R OUT_DIR
args <- commandArgs(trailingOnly = TRUE)
out <- args[1]
dir.create(out, showWarnings = FALSE, recursive = TRUE)
put <- function(df, name) {
  df <- as.data.frame(df)
  for (col in names(df)) if (is.factor(df[[col]])) df[[col]] <- as.character(df[[col]])
  write.csv(df, file.path(out, paste0(name, ".csv")), row.names = FALSE, na = "")
}
data(Chem97, package = "mlmRev"); put(Chem97, "mlmRev__Chem97")
data(Exam, package = "mlmRev"); put(Exam, "mlmRev__Exam")
data(InstEval, package = "lme4"); put(InstEval, "lme4__InstEval")
data(sleepstudy, package = "lme4"); put(sleepstudy, "lme4__sleepstudy")
data(Salaries, package = "carData"); put(Salaries, "carData__Salaries")
data(Wells, package = "carData"); put(Wells, "carData__Wells")
data(Chile, package = "carData"); put(Chile, "carData__Chile")
data(Oxboys, package = "nlme"); put(Oxboys, "nlme__Oxboys")
data(Milk, package = "nlme"); put(Milk, "nlme__Milk")
data(birthwt, package = "MASS"); put(birthwt, "MASS__birthwt")
put(datasets::ChickWeight, "datasets__ChickWeight")
put(datasets::quakes, "datasets__quakes")

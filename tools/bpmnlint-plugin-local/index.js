// Project-local bpmnlint rules; enabled in .bpmnlintrc as "local/<rule>".
module.exports = {
  configs: {},
  rules: {
    'no-implicit-end': './rules/no-implicit-end'
  }
};

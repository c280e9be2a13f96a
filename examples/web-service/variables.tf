variable "region" {
  type        = string
  default     = "eu-west-1"
  description = "AWS region to deploy into."
}

variable "environment" {
  type        = string
  default     = "prod"
  description = "Deployment environment: prod, staging or dev."

  validation {
    condition     = contains(["prod", "staging", "dev"], var.environment)
    error_message = "environment must be prod, staging or dev."
  }
}

variable "instance_type" {
  type        = string
  default     = "t3.micro"
  description = "EC2 instance type of the web tier."
}

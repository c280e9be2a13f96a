output "instance_id" {
  value       = aws_instance.web.id
  description = "ID of the web instance."
}

output "vpc_id" {
  value = module.network.vpc_id
}
